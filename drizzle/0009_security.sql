ALTER TABLE "api_tokens" ADD COLUMN "scopes" text[] DEFAULT '{read}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "user_config" ADD COLUMN "credentials_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_login_attempts_at" ON "login_attempts" USING btree ("at");--> statement-breakpoint
-- Added by hand to the generated file: an install that ever got a second user_config row keeps the oldest (the one the app reads).
DELETE FROM "user_config" WHERE "id" <> (SELECT "id" FROM "user_config" ORDER BY "created_at", "id" LIMIT 1);--> statement-breakpoint
CREATE UNIQUE INDEX "user_config_single_row_uq" ON "user_config" USING btree ((true));--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_scopes_chk" CHECK (cardinality("api_tokens"."scopes") > 0 and "api_tokens"."scopes" <@ array['read','sync','admin']::text[]);