ALTER TABLE "vehicle_states" RENAME COLUMN "charger_voltage" TO "charger_voltage_v";--> statement-breakpoint
ALTER TABLE "vehicle_states" RENAME COLUMN "charger_actual_current" TO "charger_actual_current_a";--> statement-breakpoint
ALTER TABLE "vehicle_states" RENAME COLUMN "heading" TO "heading_deg";