CREATE TABLE "login_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"client" varchar(64) NOT NULL,
	"succeeded" boolean NOT NULL
);
--> statement-breakpoint
CREATE INDEX "idx_login_attempts_client_at" ON "login_attempts" USING btree ("client","at");