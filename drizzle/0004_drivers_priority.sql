ALTER TABLE "drivers" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_drives_started" ON "drives" USING btree ("started_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "drives" ADD CONSTRAINT "drives_driver_assignment_chk" CHECK ("drives"."driver_assignment" is null or "drives"."driver_assignment" in ('rule','manual'));