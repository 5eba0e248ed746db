import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, unique, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, latitude, longitude, num, tz, updatedAt } from './columns';
import { locations } from './places';
import type { SessionSyncMeta } from './session-sync-meta';

/** People who drive the cars; drives are assigned by `rules` (weekday/time window, start place) or by hand. */
export const drivers = pgTable('drivers', {
  id: id(),
  name: varchar('name', { length: 100 }).notNull(),
  profileId: varchar('profile_id', { length: 50 }),
  /** DriverRule[] (lib/stats/driver-rules.ts), validated on the way in. */
  rules: jsonb('rules').$type<unknown[]>().notNull().default([]),
  /** Lower first: when rules of several drivers match a drive, the first driver in (priority, created_at) order wins. */
  priority: integer('priority').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Vehicles on the Tesla account. `tesla_id` is Tesla's `id_s` (a string: ids exceed 2^53). */
export const vehicles = pgTable('vehicles', {
  id: id(),
  teslaId: varchar('tesla_id', { length: 50 }).notNull().unique(),
  vin: varchar('vin', { length: 17 }).notNull().unique(),
  displayName: varchar('display_name', { length: 100 }),
  model: varchar('model', { length: 20 }),
  year: integer('year'),
  color: varchar('color', { length: 50 }),
  batteryCapacityKwh: num('battery_capacity_kwh', 6, 2),
  firmwareVersion: varchar('firmware_version', { length: 50 }),
  /** Last state seen by the free state check: online | asleep | offline. */
  state: varchar('state', { length: 16 }),
  stateSince: tz('state_since'),
  lastSeenAt: tz('last_seen_at'),
  freeSupercharging: boolean('free_supercharging').notNull().default(false),
  /**
   * Supercharger history (`dx/charging/history`, billed even when it fails): the last complete read
   * (the next one reads from a day before it), when the next read is due (the weekly sweep after a
   * read; the end of the back-off after a failure) and how many reads in a row failed. While
   * failures > 0 nothing is asked before `supercharger_history_due_at`, not even for a new session.
   */
  superchargerHistoryReadAt: tz('supercharger_history_read_at'),
  superchargerHistoryDueAt: tz('supercharger_history_due_at'),
  superchargerHistoryFailures: integer('supercharger_history_failures').notNull().default(0),
  /**
   * The derivation marker: the newest sample (its car timestamp) and the connectivity state the last
   * finished derivation saw. Written only after it finished, so one that failed is redone next run.
   */
  derivedSampleAt: tz('derived_sample_at'),
  derivedState: varchar('derived_state', { length: 16 }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * Snapshots of `vehicle_data`, converted to metric. `timestamp` is the car's own timestamp.
 * Units: km, km/h, kWh, kW, °C, %. raw_data keeps Tesla's answer exactly as sent (Tesla's units,
 * fields the app does not read, values it could not read), so a later fix can re-derive from it;
 * nothing reads it back (the columns hold what the app uses).
 */
export const vehicleStates = pgTable(
  'vehicle_states',
  {
    id: id(),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => vehicles.id, { onDelete: 'cascade' }),
    timestamp: tz('timestamp').notNull(),
    odometerKm: num('odometer_km', 10, 1),
    batteryLevel: integer('battery_level'),
    usableBatteryLevel: integer('usable_battery_level'),
    batteryRangeKm: num('battery_range_km', 6, 1),
    chargingState: varchar('charging_state', { length: 20 }),
    chargeLimitSoc: integer('charge_limit_soc'),
    chargeEnergyAddedKwh: num('charge_energy_added_kwh', 8, 3),
    chargerPowerKw: num('charger_power_kw', 6, 1),
    /** Charger volts and amps (Tesla's charge_state). The TS names stay the domain's (lib/stats reads them). */
    chargerVoltage: integer('charger_voltage_v'),
    chargerActualCurrent: integer('charger_actual_current_a'),
    chargerPhases: integer('charger_phases'),
    fastChargerPresent: boolean('fast_charger_present'),
    fastChargerType: varchar('fast_charger_type', { length: 30 }),
    /** `fast_charger_brand`: 'Tesla' at a Supercharger, whatever the type (European Superchargers report 'Combo'). */
    fastChargerBrand: varchar('fast_charger_brand', { length: 30 }),
    shiftState: varchar('shift_state', { length: 4 }),
    speedKmh: num('speed_kmh', 6, 1),
    powerKw: num('power_kw', 6, 1),
    /** Compass heading, degrees 0–359. */
    heading: integer('heading_deg'),
    latitude: latitude(),
    longitude: longitude(),
    insideTempC: num('inside_temp_c', 4, 1),
    outsideTempC: num('outside_temp_c', 4, 1),
    destinationName: varchar('destination_name', { length: 200 }),
    destinationEta: tz('destination_eta'),
    /** Route distance left (km) and the destination's position: date and place a drive whose arrival went unobserved. */
    destinationDistanceKm: num('destination_distance_km', 8, 2),
    destinationLatitude: latitude('destination_latitude'),
    destinationLongitude: longitude('destination_longitude'),
    /** Tesla's estimate while charging: minutes until the charge limit. */
    minutesToFullCharge: num('minutes_to_full_charge', 8, 1),
    driverId: uuid('driver_id').references(() => drivers.id, { onDelete: 'set null' }),
    rawData: jsonb('raw_data'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('vehicle_states_vehicle_ts_uq').on(t.vehicleId, t.timestamp),
    index('idx_vehicle_states_vehicle_timestamp').on(t.vehicleId, t.timestamp.desc()),
  ],
);

export const CHARGE_SOURCES = ['polled', 'wall_connector', 'supercharger_history', 'inferred'] as const;
export type ChargeSource = (typeof CHARGE_SOURCES)[number];
export const CHARGER_KINDS = ['ac', 'dc', 'supercharger'] as const;
/**
 * What a session's `priced_kwh` (energy from the wall) is: the Wall Connector's meter, the
 * Supercharger history's billed kWh, the car's own measure of the power it drew, or energy added ÷
 * a typical charging efficiency (lib/stats/pricing-energy.ts).
 */
export const PRICING_BASES = ['wall_connector', 'supercharger', 'car_measured', 'estimated'] as const;
export type PricingBasis = (typeof PRICING_BASES)[number];

/**
 * Charging sessions. `session_key` (unique per vehicle) makes upserts idempotent.
 * Energy: added = into the battery; used = from the wall (≥ added, losses). The home split
 * solar_kwh + battery_kwh + grid_kwh = energy_used_kwh (or energy_added where used is unknown).
 * cost = after the solar credit; cost_without_solar = as if all of it came from the grid.
 * Every cost is of `priced_kwh`, energy from the wall known or estimated as `pricing_basis` says
 * (null on both: no energy known, or priced before the basis was recorded).
 */
export const chargingSessions = pgTable(
  'charging_sessions',
  {
    id: id(),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => vehicles.id, { onDelete: 'cascade' }),
    sessionKey: text('session_key').notNull(),
    source: varchar('source', { length: 24 }).$type<ChargeSource>().notNull(),
    externalId: varchar('external_id', { length: 100 }),
    startedAt: tz('started_at').notNull(),
    endedAt: tz('ended_at'),
    startBatteryLevel: integer('start_battery_level'),
    endBatteryLevel: integer('end_battery_level'),
    energyAddedKwh: num('energy_added_kwh', 8, 3),
    energyUsedKwh: num('energy_used_kwh', 8, 3),
    chargeRateKw: num('charge_rate_kw', 6, 1),
    peakPowerKw: num('peak_power_kw', 6, 1),
    chargerType: varchar('charger_type', { length: 30 }).$type<(typeof CHARGER_KINDS)[number]>(),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'set null' }),
    locationName: varchar('location_name', { length: 200 }),
    latitude: latitude(),
    longitude: longitude(),
    cost: num('cost', 10, 2),
    costWithoutSolar: num('cost_without_solar', 10, 2),
    costCurrency: varchar('cost_currency', { length: 3 }),
    /** The energy from the wall the cost is of (metered, measured or estimated: `pricing_basis`). */
    pricedKwh: num('priced_kwh', 8, 3),
    pricingBasis: varchar('pricing_basis', { length: 16 }).$type<PricingBasis>(),
    solarKwh: num('solar_kwh', 8, 3),
    batteryKwh: num('battery_kwh', 8, 3),
    gridKwh: num('grid_kwh', 8, 3),
    solarPercentage: num('solar_percentage', 5, 2),
    attributionRule: varchar('attribution_rule', { length: 32 }),
    /** Length of the longest site history bucket the solar split was made from (5, 60 or 1440 minutes): the split's resolution. */
    splitBucketMinutes: integer('split_bucket_minutes'),
    /** Last time Tesla's own history was asked about this session (bounds billable look-ups). */
    historyCheckedAt: tz('history_checked_at'),
    /** The sync's bookkeeping (profile, pricing key, Wall Connector records), read through `readSessionSyncMeta`. */
    syncMeta: jsonb('sync_meta').$type<SessionSyncMeta>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('charging_sessions_vehicle_key_uq').on(t.vehicleId, t.sessionKey),
    index('idx_charging_sessions_vehicle').on(t.vehicleId, t.startedAt.desc()),
    index('idx_charging_sessions_started').on(t.startedAt.desc()),
    check('charging_sessions_source_chk', sql`${t.source} in ('polled','wall_connector','supercharger_history','inferred')`),
    check('charging_sessions_charger_chk', sql`${t.chargerType} is null or ${t.chargerType} in ('ac','dc','supercharger')`),
    check(
      'charging_sessions_pricing_basis_chk',
      sql`${t.pricingBasis} is null or ${t.pricingBasis} in ('wall_connector','supercharger','car_measured','estimated')`,
    ),
    check(
      'charging_sessions_split_chk',
      sql`coalesce(${t.solarKwh}, 0) >= 0 and coalesce(${t.batteryKwh}, 0) >= 0 and coalesce(${t.gridKwh}, 0) >= 0`,
    ),
  ],
);

/** Drives, from shift state and odometer; `inferred` when the odometer moved while unobserved. */
export const drives = pgTable(
  'drives',
  {
    id: id(),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => vehicles.id, { onDelete: 'cascade' }),
    driverId: uuid('driver_id').references(() => drivers.id, { onDelete: 'set null' }),
    /** 'rule' | 'manual' | null: how the driver was assigned. */
    driverAssignment: varchar('driver_assignment', { length: 8 }).$type<'rule' | 'manual'>(),
    startedAt: tz('started_at').notNull(),
    endedAt: tz('ended_at'),
    startOdometerKm: num('start_odometer_km', 10, 1),
    endOdometerKm: num('end_odometer_km', 10, 1),
    distanceKm: num('distance_km', 8, 1),
    startBatteryLevel: integer('start_battery_level'),
    endBatteryLevel: integer('end_battery_level'),
    energyUsedKwh: num('energy_used_kwh', 8, 3),
    startLatitude: latitude('start_latitude'),
    startLongitude: longitude('start_longitude'),
    endLatitude: latitude('end_latitude'),
    endLongitude: longitude('end_longitude'),
    startPlace: varchar('start_place', { length: 200 }),
    endPlace: varchar('end_place', { length: 200 }),
    startLocationId: uuid('start_location_id').references(() => locations.id, { onDelete: 'set null' }),
    endLocationId: uuid('end_location_id').references(() => locations.id, { onDelete: 'set null' }),
    maxSpeedKmh: num('max_speed_kmh', 6, 1),
    outsideTempAvgC: num('outside_temp_avg_c', 4, 1),
    inferred: boolean('inferred').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('drives_vehicle_started_uq').on(t.vehicleId, t.startedAt),
    index('idx_drives_vehicle_started').on(t.vehicleId, t.startedAt.desc()),
    index('idx_drives_driver_started').on(t.driverId, t.startedAt.desc()),
    // Unfiltered drive lists (all cars, all drivers) sort by start time.
    index('idx_drives_started').on(t.startedAt.desc()),
    check('drives_distance_chk', sql`${t.distanceKm} is null or ${t.distanceKm} >= 0`),
    check('drives_driver_assignment_chk', sql`${t.driverAssignment} is null or ${t.driverAssignment} in ('rule','manual')`),
  ],
);
