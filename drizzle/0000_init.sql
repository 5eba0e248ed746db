CREATE TABLE "api_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"payload" jsonb NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "api_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"method" varchar(8) NOT NULL,
	"path_template" text NOT NULL,
	"category" varchar(16) NOT NULL,
	"status" integer,
	"target" varchar(50),
	"billable" boolean NOT NULL,
	"cost_usd" numeric(10, 4) DEFAULT 0 NOT NULL,
	"duration_ms" integer,
	CONSTRAINT "api_requests_category_chk" CHECK ("api_requests"."category" in ('data','wake','command','energy','auth','state'))
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(100) NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" varchar(16) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"trigger" varchar(16) NOT NULL,
	"status" varchar(16) NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "sync_runs_trigger_chk" CHECK ("sync_runs"."trigger" in ('cron','manual','scheduler','demo')),
	CONSTRAINT "sync_runs_status_chk" CHECK ("sync_runs"."status" in ('running','succeeded','failed','skipped'))
);
--> statement-breakpoint
CREATE TABLE "user_config" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tesla_refresh_token_encrypted" text,
	"encryption_iv" text,
	"encryption_tag" text,
	"tesla_access_token_encrypted" text,
	"access_token_iv" text,
	"access_token_tag" text,
	"tesla_access_token_expires_at" timestamp with time zone,
	"tesla_region" varchar(8),
	"tesla_fleet_api_base_url" text,
	"tesla_scopes" text[],
	"tesla_retry_after_until" timestamp with time zone,
	"owner_password_hash" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(100) NOT NULL,
	"latitude" numeric(10, 7) NOT NULL,
	"longitude" numeric(10, 7) NOT NULL,
	"radius_m" integer DEFAULT 100 NOT NULL,
	"tariff_id" uuid,
	"is_home" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "locations_radius_chk" CHECK ("locations"."radius_m" > 0 and "locations"."radius_m" <= 100000)
);
--> statement-breakpoint
CREATE TABLE "tariffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(100) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"currency" varchar(3) NOT NULL,
	"price_per_kwh" numeric(10, 5) NOT NULL,
	"periods" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"session_fee" numeric(10, 2) DEFAULT 0 NOT NULL,
	"feed_in_price_per_kwh" numeric(10, 5),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tariffs_kind_chk" CHECK ("tariffs"."kind" in ('flat','time_of_use')),
	CONSTRAINT "tariffs_price_chk" CHECK ("tariffs"."price_per_kwh" >= 0 and "tariffs"."session_fee" >= 0)
);
--> statement-breakpoint
CREATE TABLE "charging_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"session_key" text NOT NULL,
	"source" varchar(24) NOT NULL,
	"external_id" varchar(100),
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"start_battery_level" integer,
	"end_battery_level" integer,
	"energy_added_kwh" numeric(8, 3),
	"energy_used_kwh" numeric(8, 3),
	"charge_rate_kw" numeric(6, 1),
	"peak_power_kw" numeric(6, 1),
	"charger_type" varchar(30),
	"location_id" uuid,
	"location_name" varchar(200),
	"latitude" numeric(10, 7),
	"longitude" numeric(10, 7),
	"cost" numeric(10, 2),
	"cost_without_solar" numeric(10, 2),
	"cost_currency" varchar(3),
	"solar_kwh" numeric(8, 3),
	"battery_kwh" numeric(8, 3),
	"grid_kwh" numeric(8, 3),
	"solar_percentage" numeric(5, 2),
	"attribution_rule" varchar(32),
	"raw_data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charging_sessions_vehicle_key_uq" UNIQUE("vehicle_id","session_key"),
	CONSTRAINT "charging_sessions_source_chk" CHECK ("charging_sessions"."source" in ('polled','wall_connector','supercharger_history','inferred')),
	CONSTRAINT "charging_sessions_charger_chk" CHECK ("charging_sessions"."charger_type" is null or "charging_sessions"."charger_type" in ('ac','dc','supercharger')),
	CONSTRAINT "charging_sessions_split_chk" CHECK (coalesce("charging_sessions"."solar_kwh", 0) >= 0 and coalesce("charging_sessions"."battery_kwh", 0) >= 0 and coalesce("charging_sessions"."grid_kwh", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "drivers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(100) NOT NULL,
	"profile_id" varchar(50),
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"driver_id" uuid,
	"driver_assignment" varchar(8),
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"start_odometer_km" numeric(10, 1),
	"end_odometer_km" numeric(10, 1),
	"distance_km" numeric(8, 1),
	"start_battery_level" integer,
	"end_battery_level" integer,
	"energy_used_kwh" numeric(8, 3),
	"start_latitude" numeric(10, 7),
	"start_longitude" numeric(10, 7),
	"end_latitude" numeric(10, 7),
	"end_longitude" numeric(10, 7),
	"start_place" varchar(200),
	"end_place" varchar(200),
	"start_location_id" uuid,
	"end_location_id" uuid,
	"max_speed_kmh" numeric(6, 1),
	"outside_temp_avg_c" numeric(4, 1),
	"inferred" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drives_vehicle_started_uq" UNIQUE("vehicle_id","started_at"),
	CONSTRAINT "drives_distance_chk" CHECK ("drives"."distance_km" is null or "drives"."distance_km" >= 0)
);
--> statement-breakpoint
CREATE TABLE "vehicle_states" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"odometer_km" numeric(10, 1),
	"battery_level" integer,
	"usable_battery_level" integer,
	"battery_range_km" numeric(6, 1),
	"charging_state" varchar(20),
	"charge_limit_soc" integer,
	"charge_energy_added_kwh" numeric(8, 3),
	"charger_power_kw" numeric(6, 1),
	"charger_voltage" integer,
	"charger_actual_current" integer,
	"charger_phases" integer,
	"fast_charger_present" boolean,
	"fast_charger_type" varchar(30),
	"shift_state" varchar(4),
	"speed_kmh" numeric(6, 1),
	"power_kw" numeric(6, 1),
	"heading" integer,
	"latitude" numeric(10, 7),
	"longitude" numeric(10, 7),
	"inside_temp_c" numeric(4, 1),
	"outside_temp_c" numeric(4, 1),
	"destination_name" varchar(200),
	"destination_eta" timestamp with time zone,
	"driver_id" uuid,
	"raw_data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_states_vehicle_ts_uq" UNIQUE("vehicle_id","timestamp")
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tesla_id" varchar(50) NOT NULL,
	"vin" varchar(17) NOT NULL,
	"display_name" varchar(100),
	"model" varchar(20),
	"year" integer,
	"color" varchar(50),
	"battery_capacity_kwh" numeric(6, 2),
	"firmware_version" varchar(50),
	"state" varchar(16),
	"state_since" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"free_supercharging" boolean DEFAULT false NOT NULL,
	"raw_data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicles_tesla_id_unique" UNIQUE("tesla_id"),
	CONSTRAINT "vehicles_vin_unique" UNIQUE("vin")
);
--> statement-breakpoint
CREATE TABLE "energy_daily" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"date" date NOT NULL,
	"solar_produced_kwh" numeric(8, 2),
	"solar_exported_kwh" numeric(8, 2),
	"battery_charged_kwh" numeric(8, 2),
	"battery_discharged_kwh" numeric(8, 2),
	"grid_imported_kwh" numeric(8, 2),
	"grid_exported_kwh" numeric(8, 2),
	"home_consumed_kwh" numeric(8, 2),
	"self_consumption_percentage" numeric(5, 2),
	"self_powered_percentage" numeric(5, 2),
	"complete" boolean DEFAULT false NOT NULL,
	"raw_data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_daily_site_date_uq" UNIQUE("site_id","date"),
	CONSTRAINT "energy_daily_nonneg_chk" CHECK (coalesce("energy_daily"."solar_produced_kwh", 0) >= 0 and coalesce("energy_daily"."home_consumed_kwh", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "energy_sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tesla_site_id" varchar(50) NOT NULL,
	"site_name" varchar(100),
	"time_zone" varchar(50),
	"battery_count" integer,
	"total_battery_capacity_kwh" numeric(8, 2),
	"solar_capacity_w" integer,
	"backup_reserve_percent" numeric(5, 2),
	"raw_data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_sites_tesla_site_id_unique" UNIQUE("tesla_site_id")
);
--> statement-breakpoint
CREATE TABLE "energy_states" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"solar_power_w" numeric(10, 2),
	"battery_power_w" numeric(10, 2),
	"grid_power_w" numeric(10, 2),
	"load_power_w" numeric(10, 2),
	"wall_connector_power_w" numeric(10, 2),
	"battery_percentage" numeric(5, 2),
	"grid_status" varchar(20),
	"raw_data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_states_site_ts_uq" UNIQUE("site_id","timestamp")
);
--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_tariff_id_tariffs_id_fk" FOREIGN KEY ("tariff_id") REFERENCES "public"."tariffs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charging_sessions" ADD CONSTRAINT "charging_sessions_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charging_sessions" ADD CONSTRAINT "charging_sessions_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drives" ADD CONSTRAINT "drives_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drives" ADD CONSTRAINT "drives_driver_id_drivers_id_fk" FOREIGN KEY ("driver_id") REFERENCES "public"."drivers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drives" ADD CONSTRAINT "drives_start_location_id_locations_id_fk" FOREIGN KEY ("start_location_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drives" ADD CONSTRAINT "drives_end_location_id_locations_id_fk" FOREIGN KEY ("end_location_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_states" ADD CONSTRAINT "vehicle_states_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_states" ADD CONSTRAINT "vehicle_states_driver_id_drivers_id_fk" FOREIGN KEY ("driver_id") REFERENCES "public"."drivers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_daily" ADD CONSTRAINT "energy_daily_site_id_energy_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."energy_sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_states" ADD CONSTRAINT "energy_states_site_id_energy_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."energy_sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_api_cache_expires" ON "api_cache" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "idx_api_requests_requested_at" ON "api_requests" USING btree ("requested_at");--> statement-breakpoint
CREATE INDEX "idx_api_requests_category_time" ON "api_requests" USING btree ("category","requested_at");--> statement-breakpoint
CREATE INDEX "idx_sync_runs_started" ON "sync_runs" USING btree ("started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_charging_sessions_vehicle" ON "charging_sessions" USING btree ("vehicle_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_charging_sessions_started" ON "charging_sessions" USING btree ("started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_drives_vehicle_started" ON "drives" USING btree ("vehicle_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_drives_driver_started" ON "drives" USING btree ("driver_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_vehicle_states_vehicle_timestamp" ON "vehicle_states" USING btree ("vehicle_id","timestamp" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_energy_daily_site_date" ON "energy_daily" USING btree ("site_id","date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_energy_states_site_timestamp" ON "energy_states" USING btree ("site_id","timestamp" DESC NULLS LAST);