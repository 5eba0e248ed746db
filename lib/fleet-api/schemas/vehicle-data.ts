import { z } from 'zod';
import { FleetIdSchema } from '../ids';
import { EpochMsSchema, fleetEnvelope } from './common';
import { VehicleSummarySchema } from './vehicle';

/**
 * `GET /vehicles/{vin}/vehicle_data` sub-objects (reference §3.6). Units are Tesla's whatever the
 * GUI shows: miles, mph, °C, bar, kW (`charger_power`, `drive_state.power`), kWh
 * (`charge_energy_added`); every sub-object `timestamp` is epoch ms. Fields outside the documented
 * core are optional because firmware adds and drops them; fields real cars send as null
 * (tests/fixtures/real) are nullable. Ranges are what a car can report and what the app can store:
 * a value outside them is read as null (lib/fleet-api/lenient.ts), never stored.
 */
const int = z.number().int();
const num = z.number();
const optStr = z.string().nullable().optional();
const optBool = z.boolean().nullable().optional();
/** Miles (distances and ranges; the API never sends km). */
const miles = num.min(0).max(10_000_000);
const rangeMiles = num.min(0).max(5_000);
const celsius = num.min(-100).max(150);
const kw = num.min(-2_000).max(2_000);

export const CHARGING_STATES = ['Disconnected', 'NoPower', 'Starting', 'Charging', 'Complete', 'Stopped'] as const;
export const ChargingStateSchema = z.enum(CHARGING_STATES);
export type ChargingState = z.infer<typeof ChargingStateSchema>;

export const ChargeStateSchema = z.object({
  battery_level: int.min(0).max(100),
  usable_battery_level: int.min(0).max(100),
  battery_range: rangeMiles,
  est_battery_range: rangeMiles,
  ideal_battery_range: rangeMiles,
  charging_state: ChargingStateSchema,
  charge_limit_soc: int.min(0).max(100),
  charge_limit_soc_min: int.optional(),
  charge_limit_soc_max: int.optional(),
  charge_limit_soc_std: int.optional(),
  charge_energy_added: num.min(0).max(10_000),
  charge_miles_added_rated: num.optional(),
  charge_miles_added_ideal: num.optional(),
  /** kW; null while unplugged or Stopped on older firmware (2022.8, real captures). */
  charger_power: kw.nullable(),
  charger_voltage: num.min(-2_000).max(2_000).nullable(),
  charger_actual_current: num.min(-2_000).max(2_000).nullable(),
  charger_pilot_current: num.nullable().optional(),
  /** 1–3 on AC; null on DC or idle. */
  charger_phases: int.min(0).max(3).nullable(),
  charge_current_request: int.optional(),
  charge_current_request_max: int.optional(),
  charge_amps: int.optional(),
  /** Miles of range per hour. */
  charge_rate: num,
  /** Hours; null in some answers. */
  time_to_full_charge: num.min(0).max(1_000).nullable(),
  /** Newer field; one fixture carries a junk string, so anything non-numeric reads as null. */
  minutes_to_full_charge: num.min(0).max(60_000).nullable().optional().catch(null),
  /** Null on older firmware while unplugged (real captures). */
  fast_charger_present: z.boolean().nullable(),
  fast_charger_type: z.string().max(30).nullable().optional(),
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
  /** Null in some answers (the other sub-objects' timestamps then date the sample). */
  timestamp: EpochMsSchema.nullable(),
});

export const ClimateStateSchema = z.object({
  inside_temp: celsius.nullable(),
  outside_temp: celsius.nullable(),
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
/** `""` is reported by long-time clients as an occasional shift_state (timdorr/tesla-api issue 194): read as null (parked). */
export const ShiftStateSchema = z.preprocess((v) => (v === '' ? null : v), z.enum(SHIFT_STATES).nullable());

/** Coordinates only with `endpoints=…;location_data` and the `vehicle_location` scope. */
export const DriveStateSchema = z.object({
  latitude: num.min(-90).max(90).optional(),
  longitude: num.min(-180).max(180).optional(),
  heading: int.min(0).max(360).optional(),
  /** Epoch seconds. */
  gps_as_of: int.optional(),
  native_latitude: num.optional(),
  native_longitude: num.optional(),
  native_location_supported: int.optional(),
  native_type: z.string().optional(),
  /** kW; negative = energy into the battery (charging or regen). */
  power: kw.nullable(),
  shift_state: ShiftStateSchema,
  /** mph; null when parked. */
  speed: num.min(0).max(500).nullable(),
  active_route_destination: z.string().max(200).optional(),
  active_route_latitude: num.min(-90).max(90).optional(),
  active_route_longitude: num.min(-180).max(180).optional(),
  active_route_miles_to_arrival: num.min(0).max(100_000).optional(),
  active_route_minutes_to_arrival: num.min(0).max(1_000_000).optional(),
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
  car_type: z.string().max(20),
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
  odometer: miles,
  /** Firmware + build hash, e.g. "2025.44.3 1a2b3c4d5e6f". */
  car_version: z.string().max(50),
  locked: z.boolean().optional(),
  sentry_mode: optBool,
  is_user_present: optBool,
  /** The car's name when `display_name` is missing (known difference 7 of issue 13). */
  vehicle_name: z.string().max(100).nullable().optional(),
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
