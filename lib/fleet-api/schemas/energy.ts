import { z } from 'zod';
import { FleetIdSchema } from '../ids';
import { IsoWithOffsetSchema, fleetEnvelope } from './common';

/**
 * Energy site live status and site info (reference §4.2, §4.3). Power in W, energy in Wh.
 * Signs: `battery_power` > 0 discharging, `grid_power` > 0 importing, so
 * `load_power ≈ solar_power + battery_power + grid_power + generator_power`.
 * `energy_left`/`total_pack_energy` are deprecated (often absent); `percentage_charged` may
 * also go missing (§4.1), so all three are optional.
 */
const num = z.number();
/** W; ±10 MW is beyond any home (and what energy_states can store). */
const watts = num.min(-10_000_000).max(10_000_000);
const percent = num.min(0).max(100);

export const WallConnectorLiveSchema = z.object({
  din: z.string(),
  vin: z.string().optional(),
  /** Undocumented codes (§9.10); one client maps 1 charging, 2 idle, 3 plugged, 4 paused. */
  wall_connector_state: z.number().int(),
  wall_connector_fault_state: z.number().int().optional(),
  /** W. */
  wall_connector_power: watts,
  ocpp_status: z.number().int().optional(),
  powershare_session_state: z.number().int().optional(),
});

export const LiveStatusSchema = z.object({
  solar_power: watts.optional(),
  battery_power: watts.optional(),
  grid_power: watts.optional(),
  load_power: watts.optional(),
  generator_power: watts.optional(),
  grid_services_power: watts.optional(),
  grid_services_active: z.boolean().optional(),
  percentage_charged: percent.optional(),
  energy_left: num.optional(),
  total_pack_energy: num.optional(),
  backup_capable: z.boolean().optional(),
  grid_status: z.enum(['Active', 'Inactive', 'Unknown']).optional(),
  island_status: z.string().optional(),
  storm_mode_active: z.boolean().optional(),
  battery_breaker_open: z.boolean().optional(),
  timestamp: IsoWithOffsetSchema,
  /** null on a solar-only site (real capture), [] or absent without Wall Connectors. */
  wall_connectors: z.array(WallConnectorLiveSchema).nullable().optional(),
});
export type LiveStatus = z.infer<typeof LiveStatusSchema>;
export const LiveStatusResponseSchema = fleetEnvelope(LiveStatusSchema);

const WallConnectorComponentSchema = z.object({
  device_id: z.string().optional(),
  din: z.string(),
  part_name: z.string().optional(),
  is_active: z.boolean().optional(),
});

export const SiteComponentsSchema = z.object({
  solar: z.boolean().optional(),
  solar_type: z.string().optional(),
  battery: z.boolean().optional(),
  battery_type: z.string().optional(),
  grid: z.boolean().optional(),
  backup: z.boolean().optional(),
  gateway: z.string().optional(),
  load_meter: z.boolean().optional(),
  market_type: z.string().optional(),
  tou_capable: z.boolean().optional(),
  storm_mode_capable: z.boolean().optional(),
  customer_preferred_export_rule: z.string().optional(),
  batteries: z
    .array(
      z.object({
        device_id: z.string().optional(),
        din: z.string(),
        part_name: z.string().optional(),
        nameplate_max_charge_power: num.optional(),
        nameplate_max_discharge_power: num.optional(),
        nameplate_energy: num.optional(),
      }),
    )
    .optional(),
  gateways: z.array(z.object({ din: z.string(), part_name: z.string().optional() })).optional(),
  wall_connectors: z.array(WallConnectorComponentSchema).optional(),
});

export const SiteInfoSchema = z.object({
  id: z.string(),
  site_name: z.string().max(100).optional(),
  backup_reserve_percent: percent.optional(),
  default_real_mode: z.string().optional(),
  installation_date: z.string().optional(),
  /** IANA zone; can be "" (fixtures) or absent (Fleet site_info of 2024, real capture). */
  installation_time_zone: z.string().max(50).optional(),
  version: z.string().optional(),
  battery_count: z.number().int().min(0).max(1_000).optional(),
  /** W. */
  nameplate_power: num.int().min(0).max(1_000_000_000).optional(),
  /** Wh (e.g. 27000 for two 13.5 kWh Powerwalls). */
  nameplate_energy: num.min(0).max(1_000_000_000).optional(),
  max_site_meter_power_ac: num.optional(),
  min_site_meter_power_ac: num.optional(),
  vpp_backup_reserve_percent: num.optional(),
  user_settings: z.record(z.string(), z.unknown()).optional(),
  components: SiteComponentsSchema,
  tou_settings: z.record(z.string(), z.unknown()).optional(),
});
export type SiteInfo = z.infer<typeof SiteInfoSchema>;
export const SiteInfoResponseSchema = fleetEnvelope(SiteInfoSchema);

/** Energy entry of `/products`: tell apart from vehicles by the `energy_site_id` key. */
export const EnergyProductSchema = z.object({
  energy_site_id: FleetIdSchema,
  resource_type: z.string().optional(),
  site_name: z.string().max(100).optional(),
  id: z.string().optional(),
  gateway_id: z.string().optional(),
  asset_site_id: z.string().optional(),
  warp_site_number: z.string().optional(),
  percentage_charged: num.optional(),
  energy_left: num.optional(),
  total_pack_energy: num.optional(),
  battery_type: z.string().optional(),
  backup_capable: z.boolean().optional(),
  battery_power: num.optional(),
  solar_power: num.optional(),
  storm_mode_enabled: z.boolean().nullable().optional(),
  /** Absent in Tesla's own docs example (battery fields at the entry's top level instead). */
  components: SiteComponentsSchema.optional(),
  features: z.record(z.string(), z.unknown()).optional(),
});
export type EnergyProduct = z.infer<typeof EnergyProductSchema>;
