import 'server-only';
import { and, asc, desc, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { vehicles, vehicleStates } from '../schema';

/** A vehicle as the API shows it (no raw Tesla payload). */
export type VehicleRow = {
  id: string;
  vin: string;
  teslaId: string;
  displayName: string | null;
  model: string | null;
  year: number | null;
  color: string | null;
  batteryCapacityKwh: number | null;
  firmwareVersion: string | null;
  state: string | null;
  stateSince: Date | null;
  lastSeenAt: Date | null;
  freeSupercharging: boolean;
  createdAt: Date;
  updatedAt: Date;
};

const vehicleColumns = {
  id: vehicles.id,
  vin: vehicles.vin,
  teslaId: vehicles.teslaId,
  displayName: vehicles.displayName,
  model: vehicles.model,
  year: vehicles.year,
  color: vehicles.color,
  batteryCapacityKwh: vehicles.batteryCapacityKwh,
  firmwareVersion: vehicles.firmwareVersion,
  state: vehicles.state,
  stateSince: vehicles.stateSince,
  lastSeenAt: vehicles.lastSeenAt,
  freeSupercharging: vehicles.freeSupercharging,
  createdAt: vehicles.createdAt,
  updatedAt: vehicles.updatedAt,
};

export async function listVehicles(db: Db): Promise<VehicleRow[]> {
  return db.select(vehicleColumns).from(vehicles).orderBy(asc(vehicles.displayName), asc(vehicles.vin));
}

/** One vehicle by the app's id or by VIN (both unique). */
export async function getVehicle(db: Db, ref: { id: string } | { vin: string }): Promise<VehicleRow | undefined> {
  const where = 'id' in ref ? eq(vehicles.id, ref.id) : eq(vehicles.vin, ref.vin);
  const [row] = await db.select(vehicleColumns).from(vehicles).where(where).limit(1);
  return row;
}

/** Stored state columns (metric: km, km/h, kWh, kW, °C, %). */
const stateColumns = {
  timestamp: vehicleStates.timestamp,
  odometerKm: vehicleStates.odometerKm,
  batteryLevel: vehicleStates.batteryLevel,
  usableBatteryLevel: vehicleStates.usableBatteryLevel,
  batteryRangeKm: vehicleStates.batteryRangeKm,
  chargingState: vehicleStates.chargingState,
  chargeLimitSoc: vehicleStates.chargeLimitSoc,
  chargeEnergyAddedKwh: vehicleStates.chargeEnergyAddedKwh,
  chargerPowerKw: vehicleStates.chargerPowerKw,
  chargerVoltage: vehicleStates.chargerVoltage,
  chargerActualCurrent: vehicleStates.chargerActualCurrent,
  chargerPhases: vehicleStates.chargerPhases,
  fastChargerPresent: vehicleStates.fastChargerPresent,
  fastChargerType: vehicleStates.fastChargerType,
  fastChargerBrand: vehicleStates.fastChargerBrand,
  shiftState: vehicleStates.shiftState,
  speedKmh: vehicleStates.speedKmh,
  powerKw: vehicleStates.powerKw,
  heading: vehicleStates.heading,
  latitude: vehicleStates.latitude,
  longitude: vehicleStates.longitude,
  insideTempC: vehicleStates.insideTempC,
  outsideTempC: vehicleStates.outsideTempC,
  destinationName: vehicleStates.destinationName,
  destinationEta: vehicleStates.destinationEta,
  driverId: vehicleStates.driverId,
};
export type VehicleStateRow = Pick<typeof vehicleStates.$inferSelect, keyof typeof stateColumns>;

/** The newest stored snapshot (index idx_vehicle_states_vehicle_timestamp). */
export async function getLatestVehicleState(db: Db, vehicleId: string): Promise<VehicleStateRow | undefined> {
  const [row] = await db
    .select(stateColumns)
    .from(vehicleStates)
    .where(eq(vehicleStates.vehicleId, vehicleId))
    .orderBy(desc(vehicleStates.timestamp))
    .limit(1);
  return row;
}

export type Position = { latitude: number; longitude: number; at: Date };

/**
 * Where the car was last seen: the newest stored state that has a position (a state without one,
 * e.g. read without the location scope, is skipped). From the database only: never asks Tesla.
 */
export async function getLastPosition(db: Db, vehicleId: string): Promise<Position | undefined> {
  const [row] = await db
    .select({ latitude: vehicleStates.latitude, longitude: vehicleStates.longitude, at: vehicleStates.timestamp })
    .from(vehicleStates)
    .where(and(eq(vehicleStates.vehicleId, vehicleId), isNotNull(vehicleStates.latitude), isNotNull(vehicleStates.longitude)))
    .orderBy(desc(vehicleStates.timestamp))
    .limit(1);
  return row && row.latitude !== null && row.longitude !== null
    ? { latitude: row.latitude, longitude: row.longitude, at: row.at }
    : undefined;
}

export type StateRange = { vehicleId: string; from: Date; to: Date; limit: number };

/** Raw snapshots in [from, to), oldest first, at most `limit`. */
export async function listVehicleStates(db: Db, p: StateRange): Promise<VehicleStateRow[]> {
  return db
    .select(stateColumns)
    .from(vehicleStates)
    .where(and(eq(vehicleStates.vehicleId, p.vehicleId), gte(vehicleStates.timestamp, p.from), lt(vehicleStates.timestamp, p.to)))
    .orderBy(asc(vehicleStates.timestamp))
    .limit(p.limit);
}

export type StateBucket = {
  timestamp: Date;
  samples: number;
  batteryLevelAvg: number | null;
  batteryLevelMin: number | null;
  batteryLevelMax: number | null;
  batteryRangeKmAvg: number | null;
  odometerKmMax: number | null;
  speedKmhMax: number | null;
  chargerPowerKwMax: number | null;
  insideTempCAvg: number | null;
  outsideTempCAvg: number | null;
};

const round1 = (expr: ReturnType<typeof sql>) => sql<number | null>`round((${expr})::numeric, 1)::float8`.mapWith(Number);

/**
 * Snapshots aggregated per local hour or day of `timeZone` (bucket = its start instant), oldest first.
 * `unit` and the zone are validated by the caller; the zone is bound as a parameter.
 */
export async function listVehicleStateBuckets(db: Db, p: StateRange & { unit: 'hour' | 'day'; timeZone: string }): Promise<StateBucket[]> {
  const s = vehicleStates;
  const bucket = sql`date_trunc(${p.unit}, ${s.timestamp} at time zone ${p.timeZone}) at time zone ${p.timeZone}`;
  return db
    .select({
      timestamp: bucket.mapWith(s.timestamp),
      samples: sql<number>`count(*)::int`,
      batteryLevelAvg: round1(sql`avg(${s.batteryLevel})`),
      batteryLevelMin: sql<number | null>`min(${s.batteryLevel})`,
      batteryLevelMax: sql<number | null>`max(${s.batteryLevel})`,
      batteryRangeKmAvg: round1(sql`avg(${s.batteryRangeKm})`),
      odometerKmMax: round1(sql`max(${s.odometerKm})`),
      speedKmhMax: round1(sql`max(${s.speedKmh})`),
      chargerPowerKwMax: round1(sql`max(${s.chargerPowerKw})`),
      insideTempCAvg: round1(sql`avg(${s.insideTempC})`),
      outsideTempCAvg: round1(sql`avg(${s.outsideTempC})`),
    })
    .from(s)
    .where(and(eq(s.vehicleId, p.vehicleId), gte(s.timestamp, p.from), lt(s.timestamp, p.to)))
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .limit(p.limit);
}

/** Snapshots in [from, to] for a session's charge curve or a drive's track, oldest first. */
export async function listStatesBetween(db: Db, p: StateRange): Promise<VehicleStateRow[]> {
  return db
    .select(stateColumns)
    .from(vehicleStates)
    .where(
      and(
        eq(vehicleStates.vehicleId, p.vehicleId),
        gte(vehicleStates.timestamp, p.from),
        sql`${vehicleStates.timestamp} <= ${p.to.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(vehicleStates.timestamp))
    .limit(p.limit);
}
