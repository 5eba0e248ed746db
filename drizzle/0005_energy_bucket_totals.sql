ALTER TABLE "energy_buckets" ADD COLUMN "solar_kwh" numeric(10, 4);--> statement-breakpoint
ALTER TABLE "energy_buckets" ADD COLUMN "grid_imported_kwh" numeric(10, 4);--> statement-breakpoint
ALTER TABLE "energy_buckets" ADD COLUMN "grid_exported_kwh" numeric(10, 4);--> statement-breakpoint
ALTER TABLE "energy_buckets" ADD COLUMN "battery_charged_kwh" numeric(10, 4);--> statement-breakpoint
CREATE INDEX "idx_api_requests_priced" ON "api_requests" USING btree ("requested_at") WHERE cost_usd > 0;