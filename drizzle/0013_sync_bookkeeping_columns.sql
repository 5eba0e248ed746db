ALTER TABLE "charging_sessions" ADD COLUMN "sync_meta" jsonb;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "derived_sample_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "derived_state" varchar(16);--> statement-breakpoint
ALTER TABLE "energy_daily" ADD COLUMN "bucket_count" integer;--> statement-breakpoint
-- Backfill: the sync's bookkeeping moves out of raw_data (which held nothing else in these tables) before it is dropped.
UPDATE "charging_sessions" SET "sync_meta" = "raw_data" WHERE jsonb_typeof("raw_data") = 'object';--> statement-breakpoint
UPDATE "vehicles" SET "derived_sample_at" = ("raw_data"->'derived'->>'sample')::timestamptz, "derived_state" = left("raw_data"->'derived'->>'state', 16) WHERE "raw_data"->'derived'->>'sample' ~ '^\d{4}-\d{2}-\d{2}T';--> statement-breakpoint
UPDATE "energy_daily" SET "bucket_count" = ("raw_data"->>'buckets')::integer WHERE jsonb_typeof("raw_data"->'buckets') = 'number';--> statement-breakpoint
ALTER TABLE "charging_sessions" DROP COLUMN "raw_data";--> statement-breakpoint
ALTER TABLE "vehicles" DROP COLUMN "raw_data";--> statement-breakpoint
ALTER TABLE "energy_daily" DROP COLUMN "raw_data";