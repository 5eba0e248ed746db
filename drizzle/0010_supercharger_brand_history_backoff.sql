ALTER TABLE "vehicle_states" ADD COLUMN "fast_charger_brand" varchar(30);--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "supercharger_history_read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "supercharger_history_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "supercharger_history_failures" integer DEFAULT 0 NOT NULL;