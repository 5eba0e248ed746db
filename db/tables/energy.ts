import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, unique, uuid, varchar, boolean } from 'drizzle-orm/pg-core';
import { createdAt, id, num, tz, updatedAt } from './columns';

/** Energy sites (solar + Powerwall). `tesla_site_id` is `energy_site_id` as a string (exceeds 2^53). */
export const energySites = pgTable('energy_sites', {
  id: id(),
  teslaSiteId: varchar('tesla_site_id', { length: 50 }).notNull().unique(),
  siteName: varchar('site_name', { length: 100 }),
  timeZone: varchar('time_zone', { length: 50 }),
  batteryCount: integer('battery_count'),
  totalBatteryCapacityKwh: num('total_battery_capacity_kwh', 8, 2),
  /** Size of the solar array. Tesla's site_info does not report it (`nameplate_power` is the Powerwalls'), so it stays null. */
  solarCapacityW: integer('solar_capacity_w'),
  /** site_info `nameplate_power`: the Powerwalls' rated power (W), e.g. 2 × 5,000. */
  batteryPowerW: integer('battery_power_w'),
  /** Wall Connectors listed for the site in /products (0: none, so its telemetry_history is never asked for). */
  wallConnectorCount: integer('wall_connector_count'),
  backupReservePercent: num('backup_reserve_percent', 5, 2),
  rawData: jsonb('raw_data'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * live_status snapshots in W. Tesla's sign conventions are kept:
 * battery_power_w > 0 = Powerwall discharging, < 0 = charging;
 * grid_power_w > 0 = importing from the grid, < 0 = exporting.
 */
export const energyStates = pgTable(
  'energy_states',
  {
    id: id(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => energySites.id, { onDelete: 'cascade' }),
    timestamp: tz('timestamp').notNull(),
    solarPowerW: num('solar_power_w', 10, 2),
    batteryPowerW: num('battery_power_w', 10, 2),
    gridPowerW: num('grid_power_w', 10, 2),
    loadPowerW: num('load_power_w', 10, 2),
    wallConnectorPowerW: num('wall_connector_power_w', 10, 2),
    batteryPercentage: num('battery_percentage', 5, 2),
    gridStatus: varchar('grid_status', { length: 20 }),
    /** The live_status answer exactly as Tesla sent it (for re-deriving after a fix). */
    rawData: jsonb('raw_data'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('energy_states_site_ts_uq').on(t.siteId, t.timestamp),
    index('idx_energy_states_site_timestamp').on(t.siteId, t.timestamp.desc()),
  ],
);

/** Daily totals (kWh) from calendar_history, one row per site and local date. */
export const energyDaily = pgTable(
  'energy_daily',
  {
    id: id(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => energySites.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    solarProducedKwh: num('solar_produced_kwh', 8, 2),
    solarExportedKwh: num('solar_exported_kwh', 8, 2),
    batteryChargedKwh: num('battery_charged_kwh', 8, 2),
    batteryDischargedKwh: num('battery_discharged_kwh', 8, 2),
    gridImportedKwh: num('grid_imported_kwh', 8, 2),
    gridExportedKwh: num('grid_exported_kwh', 8, 2),
    homeConsumedKwh: num('home_consumed_kwh', 8, 2),
    selfConsumptionPercentage: num('self_consumption_percentage', 5, 2),
    selfPoweredPercentage: num('self_powered_percentage', 5, 2),
    /**
     * True once the day is over in the site's time zone and its history is read; complete days are
     * never fetched again. A day not complete (today, or yesterday for the first minutes after
     * midnight) is provisional: Tesla's history buckets up to `history_until`, then live readings up
     * to `live_until`, recomputed by every sync run.
     */
    complete: boolean('complete').notNull().default(false),
    historyUntil: tz('history_until'),
    liveUntil: tz('live_until'),
    /**
     * A closed day whose history Tesla's answer could not be read for: how many reads failed, and
     * when it is read again (30 min after the first failure, doubling to at most a day). The days
     * after it are read meanwhile.
     */
    historyFailures: integer('history_failures').notNull().default(0),
    historyRetryAt: tz('history_retry_at'),
    /** How many of Tesla's history buckets the totals were summed from (null: from live readings only). */
    bucketCount: integer('bucket_count'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('energy_daily_site_date_uq').on(t.siteId, t.date),
    index('idx_energy_daily_site_date').on(t.siteId, t.date.desc()),
    check('energy_daily_nonneg_chk', sql`coalesce(${t.solarProducedKwh}, 0) >= 0 and coalesce(${t.homeConsumedKwh}, 0) >= 0`),
  ],
);

/**
 * calendar_history buckets of `period=day` in kWh (5 minutes, or an hour or a day: each row's length
 * is read from the data), directed flows as the gateway attributes them. They feed the solar split of home charges and, for days without live readings,
 * the day's power chart (kWh ÷ the bucket's length = average kW). Rows of a closed local day are final.
 * The totals (solar, grid in/out, battery charged) were added later: null in rows stored before.
 */
export const energyBuckets = pgTable(
  'energy_buckets',
  {
    id: id(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => energySites.id, { onDelete: 'cascade' }),
    startAt: tz('start_at').notNull(),
    endAt: tz('end_at').notNull(),
    homeFromSolarKwh: num('home_from_solar_kwh', 10, 4).notNull(),
    homeFromBatteryKwh: num('home_from_battery_kwh', 10, 4).notNull(),
    homeFromGridKwh: num('home_from_grid_kwh', 10, 4).notNull(),
    batteryFromSolarKwh: num('battery_from_solar_kwh', 10, 4).notNull(),
    batteryFromGridKwh: num('battery_from_grid_kwh', 10, 4).notNull(),
    batteryDischargedKwh: num('battery_discharged_kwh', 10, 4).notNull(),
    solarKwh: num('solar_kwh', 10, 4),
    gridImportedKwh: num('grid_imported_kwh', 10, 4),
    gridExportedKwh: num('grid_exported_kwh', 10, 4),
    batteryChargedKwh: num('battery_charged_kwh', 10, 4),
  },
  (t) => [unique('energy_buckets_site_start_uq').on(t.siteId, t.startAt)],
);
