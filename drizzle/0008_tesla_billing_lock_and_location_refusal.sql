ALTER TABLE "user_config" ADD COLUMN "tesla_billing_locked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user_config" ADD COLUMN "tesla_billing_retry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user_config" ADD COLUMN "tesla_location_refused_at" timestamp with time zone;