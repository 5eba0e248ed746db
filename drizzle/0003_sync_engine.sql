CREATE TABLE "energy_buckets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"home_from_solar_kwh" numeric(10, 4) NOT NULL,
	"home_from_battery_kwh" numeric(10, 4) NOT NULL,
	"home_from_grid_kwh" numeric(10, 4) NOT NULL,
	"battery_from_solar_kwh" numeric(10, 4) NOT NULL,
	"battery_from_grid_kwh" numeric(10, 4) NOT NULL,
	"battery_discharged_kwh" numeric(10, 4) NOT NULL,
	CONSTRAINT "energy_buckets_site_start_uq" UNIQUE("site_id","start_at")
);
--> statement-breakpoint
CREATE TABLE "vehicle_activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"state" varchar(16) NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vehicle_activity_vehicle_start_uq" UNIQUE("vehicle_id","started_at"),
	CONSTRAINT "vehicle_activity_state_chk" CHECK ("vehicle_activity"."state" in ('online','asleep','offline'))
);
--> statement-breakpoint
ALTER TABLE "charging_sessions" ADD COLUMN "history_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vehicle_states" ADD COLUMN "destination_distance_km" numeric(8, 2);--> statement-breakpoint
ALTER TABLE "vehicle_states" ADD COLUMN "destination_latitude" numeric(10, 7);--> statement-breakpoint
ALTER TABLE "vehicle_states" ADD COLUMN "destination_longitude" numeric(10, 7);--> statement-breakpoint
ALTER TABLE "energy_buckets" ADD CONSTRAINT "energy_buckets_site_id_energy_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."energy_sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_activity" ADD CONSTRAINT "vehicle_activity_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_vehicle_activity_vehicle_start" ON "vehicle_activity" USING btree ("vehicle_id","started_at" DESC NULLS LAST);