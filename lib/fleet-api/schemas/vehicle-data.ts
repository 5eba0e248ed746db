import { z } from 'zod';
import { FleetIdSchema } from '../ids';
import { EpochMsSchema, fleetEnvelope } from './common';
import { VehicleSummarySchema } from './vehicle';

/**
 * `GET /vehicles/{vin}/vehicle_data` sub-objects (reference §3.6). Units are Tesla's whatever the
 * GUI shows: miles, mph, °C, bar, kW (`charger_power`, `drive_state.power`), kWh
 * (`charge_energy_added`); every sub-object `timestamp` is epoch ms. Fields outside the documented
 * core are optional because firmware adds and drops them.
 */
const int = z.number().int();
const num = z.number();
const optStr = z.string().nullable().optional();
const optBool = z.boolean().nullable().optional();

export const CHARGING_STATES = ['Disconnected', 'NoPower', 'Starting', 'Charging', 'Complete', 'Stopped'] as const;
export const ChargingStateSchema = z.enum(CHARGING_STATES);
export type ChargingState = z.infer<typeof ChargingStateSchema>;

export const ChargeStateSchema = z.object({
  battery_level: int.min(0).max(100),
  usable_battery_level: int.min(0).max(100),
  battery_range: num,
  est_battery_range: num,
  ideal_battery_range: num,
  charging_state: ChargingStateSchema,
  charge_limit_soc: int,
  charge_limit_soc_min: int.optional(),
  charge_limit_soc_max: int.optional(),
  charge_limit_soc_std: int.optional(),
  charge_energy_added: num.min(0),
  charge_miles_added_rated: num.optional(),
  charge_miles_added_ideal: num.optional(),
  charger_power: num,
  charger_voltage: num.nullable(),
  charger_actual_current: num.nullable(),
  charger_pilot_current: num.nullable().optional(),
  /** 1–3 on AC; null on DC or idle. */
  charger_phases: int.nullable(),
  charge_current_request: int.optional(),
  charge_current_request_max: int.optional(),
  charge_amps: int.optional(),
  /** Miles of range per hour. */
  charge_rate: num,
  /** Hours. */
  time_to_full_charge: num,
  /** Newer field; one fixture carries a junk string, so anything non-numeric reads as null. */
  minutes_to_full_charge: num.nullable().optional().catch(null),
  fast_charger_present: z.boolean(),
  fast_charger_type: optStr,
  fast_charger_brand: optStr,
  conn_charge_cable: optStr,
  charge_port_door_open: optBool,
  charge_port_latch: optStr,
  charge_port_cold_weather_mode: optBool,
  charge_enable_request: optBool,
  user_charge_enable_request: optBool,
  scheduled_charging_mode: optStr,
  scheduled_charging_pending: optBool,
  /** Epoch seconds. */
  scheduled_charging_start_time: num.nullable().optional(),
  scheduled_charging_start_time_app: int.nullable().optional(),
  scheduled_departure_time_minutes: int.nullable().optional(),
  battery_heater_on: optBool,
  not_enough_power_to_heat: optBool,
  trip_charging: optBool,
  energy_remaining: num.nullable().optional(),
  lifetime_energy_used: num.nullable().optional(),
  module_temp_min: num.nullable().optional(),
  module_temp_max: num.nullable().optional(),
  timestamp: EpochMsSchema,
});

export const ClimateStateSchema = z.object({
  inside_temp: num.nullable(),
  outside_temp: num.nullable(),
  driver_temp_setting: num.optional(),
  passenger_temp_setting: num.optional(),
  is_climate_on: z.boolean(),
  is_auto_conditioning_on: optBool,
  is_preconditioning: optBool,
  fan_status: int.optional(),
  climate_keeper_mode: optStr,
  cabin_overheat_protection: optStr,
  battery_heater: optBool,
  timestamp: EpochMsSchema,
});

export const SHIFT_STATES = ['P', 'R', 'N', 'D'] as const;

/** Coordinates only with `endpoints=…;location_data` and the `vehicle_location` scope. */
export const DriveStateSchema = z.object({
  latitude: num.optional(),
  longitude: num.optional(),
  heading: int.optional(),
  /** Epoch seconds. */
  gps_as_of: int.optional(),
  native_latitude: num.optional(),
  native_longitude: num.optional(),
  native_location_supported: int.optional(),
  native_type: z.string().optional(),
  /** kW; negative = energy into the battery (charging or regen). */
  power: num.nullable(),
  shift_state: z.enum(SHIFT_STATES).nullable(),
  /** mph; null when parked. */
  speed: num.nullable(),
  active_route_destination: z.string().optional(),
  active_route_latitude: num.optional(),
  active_route_longitude: num.optional(),
  active_route_miles_to_arrival: num.optional(),
  active_route_minutes_to_arrival: num.optional(),
  active_route_energy_at_arrival: num.optional(),
  active_route_traffic_minutes_delay: num.optional(),
  timestamp: EpochMsSchema,
});

/** Display preferences only; API values stay miles/mph/°C whatever these say. */
export const GuiSettingsSchema = z.object({
  gui_distance_units: z.enum(['mi/hr', 'km/hr']),
  gui_temperature_units: z.enum(['F', 'C']),
  gui_charge_rate_units: z.string(),
  gui_range_display: z.string().optional(),
  gui_tirepressure_units: z.string().optional(),
  gui_24_hour_time: z.boolean().optional(),
  show_range_units: z.boolean().optional(),
  timestamp: EpochMsSchema,
});

export const VehicleConfigSchema = z.object({
  car_type: z.string(),
  trim_badging: optStr,
  exterior_color: optStr,
  wheel_type: optStr,
  charge_port_type: optStr,
  eu_vehicle: z.boolean().optional(),
  rhd: z.boolean().optional(),
  /** Seconds east of UTC. */
  utc_offset: int.optional(),
  timestamp: EpochMsSchema,
});

export const SoftwareUpdateSchema = z.object({
  download_perc: int.optional(),
  expected_duration_sec: int.optional(),
  install_perc: int.optional(),
  status: z.string(),
  version: z.string().optional(),
  scheduled_time_ms: num.optional(),
});

export const VehicleStateDataSchema = z.object({
  /** Miles. */
  odometer: num.min(0),
  /** Firmware + build hash, e.g. "2025.44.3 1a2b3c4d5e6f". */
  car_version: z.string(),
  locked: z.boolean().optional(),
  sentry_mode: optBool,
  is_user_present: optBool,
  vehicle_name: optStr,
  df: int.optional(),
  dr: int.optional(),
  pf: int.optional(),
  pr: int.optional(),
  ft: int.optional(),
  rt: int.optional(),
  software_update: SoftwareUpdateSchema.optional(),
  tpms_pressure_fl: num.nullable().optional(),
  tpms_pressure_fr: num.nullable().optional(),
  tpms_pressure_rl: num.nullable().optional(),
  tpms_pressure_rr: num.nullable().optional(),
  api_version: int.optional(),
  timestamp: EpochMsSchema,
});

export const VehicleDataSchema = VehicleSummarySchema.extend({
  user_id: FleetIdSchema.optional(),
  charge_state: ChargeStateSchema.optional(),
  climate_state: ClimateStateSchema.optional(),
  drive_state: DriveStateSchema.optional(),
  gui_settings: GuiSettingsSchema.optional(),
  vehicle_config: VehicleConfigSchema.optional(),
  vehicle_state: VehicleStateDataSchema.optional(),
});
export type VehicleData = z.infer<typeof VehicleDataSchema>;
export const VehicleDataResponseSchema = fleetEnvelope(VehicleDataSchema);
