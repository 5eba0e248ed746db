ALTER TABLE "charging_sessions" ADD COLUMN "split_bucket_minutes" integer;--> statement-breakpoint
ALTER TABLE "energy_daily" ADD COLUMN "history_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "energy_daily" ADD COLUMN "history_retry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "energy_sites" ADD COLUMN "battery_power_w" integer;--> statement-breakpoint
ALTER TABLE "energy_sites" ADD COLUMN "wall_connector_count" integer;