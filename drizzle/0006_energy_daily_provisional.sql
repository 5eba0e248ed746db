ALTER TABLE "energy_daily" ADD COLUMN "history_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "energy_daily" ADD COLUMN "live_until" timestamp with time zone;