import { z } from 'zod';
import { IsoWithOffsetSchema, ProtoSecondsSchema, fleetEnvelope } from './common';

/**
 * `calendar_history` and `telemetry_history` bodies (reference §4.4–4.6). Energies are Wh per
 * bucket, never cumulative. Bucket size is [U] (§9.4): parse interval-agnostically and build daily
 * totals by summing the entries of a local day (`installation_time_zone`).
 */
/** Wh per bucket; 100 MWh is beyond any home's bucket (and what energy_buckets can store). */
const wh = z.number().min(-100_000_000).max(100_000_000);

export const ENERGY_HISTORY_FIELDS = [
  'solar_energy_exported',
  'generator_energy_exported',
  'grid_energy_imported',
  'grid_services_energy_imported',
  'grid_services_energy_exported',
  'grid_energy_exported_from_solar',
  'grid_energy_exported_from_generator',
  'grid_energy_exported_from_battery',
  'battery_energy_exported',
  'battery_energy_imported_from_grid',
  'battery_energy_imported_from_solar',
  'battery_energy_imported_from_generator',
  'consumer_energy_imported_from_grid',
  'consumer_energy_imported_from_solar',
  'consumer_energy_imported_from_battery',
  'consumer_energy_imported_from_generator',
] as const;
/** Newer summary fields; optional because older responses lack them. */
export const ENERGY_HISTORY_TOTAL_FIELDS = [
  'total_home_usage',
  'total_battery_charge',
  'total_battery_discharge',
  'total_solar_generation',
  'total_grid_energy_exported',
] as const;

type EnergyFieldShape = Record<(typeof ENERGY_HISTORY_FIELDS)[number], typeof wh> &
  Record<(typeof ENERGY_HISTORY_TOTAL_FIELDS)[number], z.ZodOptional<typeof wh>>;
const fieldShape = Object.fromEntries([
  ...ENERGY_HISTORY_FIELDS.map((f) => [f, wh] as const),
  ...ENERGY_HISTORY_TOTAL_FIELDS.map((f) => [f, wh.optional()] as const),
]) as EnergyFieldShape;

export const EnergyHistoryEntrySchema = z.object({
  /** Bucket start, site-local offset. */
  timestamp: IsoWithOffsetSchema,
  raw_timestamp: z.string().optional(),
  ...fieldShape,
});
export type EnergyHistoryEntry = z.infer<typeof EnergyHistoryEntrySchema>;

export const ENERGY_PERIODS = ['day', 'week', 'month', 'year', 'lifetime'] as const;

export const EnergyHistorySchema = z.object({
  period: z.string(),
  installation_time_zone: z.string().optional(),
  serial_number: z.string().optional(),
  time_zone_offset: z.number().optional(),
  /** null when Tesla has no data for the range, absent in some answers (real captures): no buckets. */
  time_series: z.array(EnergyHistoryEntrySchema).nullable().optional(),
});
export const EnergyHistoryResponseSchema = fleetEnvelope(EnergyHistorySchema);

/** `kind=backup`: outage events; `duration` in seconds per Tesla's wording ([U] some read ms). */
export const BackupHistorySchema = z.object({
  events: z.array(z.object({ timestamp: IsoWithOffsetSchema, duration: z.number() })),
  total_events: z.number().int().optional(),
  events_count: z.number().int().optional(),
});
export const BackupHistoryResponseSchema = fleetEnvelope(BackupHistorySchema);

/** One Wall Connector session of `telemetry_history?kind=charge`. */
export const WallConnectorSessionSchema = z.object({
  charge_start_time: ProtoSecondsSchema,
  charge_duration: ProtoSecondsSchema,
  energy_added_wh: z.number().min(0).max(10_000_000),
  din: z.string().optional(),
  target_id: z.string().optional(),
});
export type WallConnectorSession = z.infer<typeof WallConnectorSessionSchema>;

/** The array key is [U] (§9.5): `charge_history` (real clients) or `time_series` (OpenAPI). */
export const WallConnectorHistorySchema = z
  .object({
    period: z.string().optional(),
    charge_history: z.array(WallConnectorSessionSchema).optional(),
    time_series: z.array(WallConnectorSessionSchema).optional(),
  })
  .refine((v) => v.charge_history !== undefined || v.time_series !== undefined, {
    message: 'expected charge_history or time_series',
  });
export const WallConnectorHistoryResponseSchema = fleetEnvelope(WallConnectorHistorySchema);

/** Sessions of a parsed telemetry_history body, whichever key carried them. */
export function wallConnectorSessions(body: z.infer<typeof WallConnectorHistorySchema>): WallConnectorSession[] {
  return body.charge_history ?? body.time_series ?? [];
}
