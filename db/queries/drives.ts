import 'server-only';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { drivers, drives, vehicles } from '../schema';
import { afterKeyset, rounded, within, type Keyset, type SortDir } from './filters';

const dr = drives;

/** A drive: distance in km, energy in kWh, speed in km/h, temperature in °C. */
const driveColumns = {
  id: dr.id,
  vehicleId: dr.vehicleId,
  vin: vehicles.vin,
  driverId: dr.driverId,
  driverName: drivers.name,
  driverAssignment: dr.driverAssignment,
  startedAt: dr.startedAt,
  endedAt: dr.endedAt,
  startOdometerKm: dr.startOdometerKm,
  endOdometerKm: dr.endOdometerKm,
  distanceKm: dr.distanceKm,
  startBatteryLevel: dr.startBatteryLevel,
  endBatteryLevel: dr.endBatteryLevel,
  energyUsedKwh: dr.energyUsedKwh,
  startLatitude: dr.startLatitude,
  startLongitude: dr.startLongitude,
  endLatitude: dr.endLatitude,
  endLongitude: dr.endLongitude,
  startPlace: dr.startPlace,
  endPlace: dr.endPlace,
  startLocationId: dr.startLocationId,
  endLocationId: dr.endLocationId,
  maxSpeedKmh: dr.maxSpeedKmh,
  outsideTempAvgC: dr.outsideTempAvgC,
  inferred: dr.inferred,
};
export type DriveRow = Pick<typeof dr.$inferSelect, Exclude<keyof typeof driveColumns, 'vin' | 'driverName'>> & {
  vin: string;
  driverName: string | null;
};

export type DriveFilter = { vehicleId?: string; driverId?: string; from?: Date; to?: Date };

const filterWhere = (f: DriveFilter) =>
  and(
    f.vehicleId ? eq(dr.vehicleId, f.vehicleId) : undefined,
    f.driverId ? eq(dr.driverId, f.driverId) : undefined,
    within(dr.startedAt, f.from, f.to),
  );

/** Drives by start time (newest first by default); idx_drives_vehicle_started / idx_drives_driver_started when filtered. */
export async function listDrives(
  db: Db,
  p: DriveFilter & { limit: number; after?: Keyset; offset?: number; dir?: SortDir },
): Promise<DriveRow[]> {
  const dir = p.dir ?? 'desc';
  return db
    .select(driveColumns)
    .from(dr)
    .innerJoin(vehicles, eq(vehicles.id, dr.vehicleId))
    .leftJoin(drivers, eq(drivers.id, dr.driverId))
    .where(and(filterWhere(p), afterKeyset(dr.startedAt, dr.id, p.after, dir)))
    .orderBy(...(dir === 'desc' ? [desc(dr.startedAt), desc(dr.id)] : [asc(dr.startedAt), asc(dr.id)]))
    .limit(p.limit)
    .offset(p.offset ?? 0);
}

export async function countDrives(db: Db, f: DriveFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(dr).where(filterWhere(f));
  return row?.n ?? 0;
}

export async function getDrive(db: Db, id: string): Promise<DriveRow | undefined> {
  const [row] = await db
    .select(driveColumns)
    .from(dr)
    .innerJoin(vehicles, eq(vehicles.id, dr.vehicleId))
    .leftJoin(drivers, eq(drivers.id, dr.driverId))
    .where(eq(dr.id, id))
    .limit(1);
  return row;
}

export type DriveTotals = {
  vehicleId: string;
  vin: string;
  drives: number;
  distanceKm: number;
  energyUsedKwh: number;
  /** Energy of drives whose energy is known ÷ their distance, in Wh/km; null without such drives. */
  efficiencyWhPerKm: number | null;
  durationHours: number;
  maxSpeedKmh: number | null;
  firstDriveAt: Date | null;
  lastDriveAt: Date | null;
};

/** One driver's drives in [from, to), totalled per vehicle (idx_drives_driver_started). */
export async function driverTotalsByVehicle(db: Db, p: { driverId: string; from?: Date; to?: Date }): Promise<DriveTotals[]> {
  const known = sql`${dr.energyUsedKwh} is not null and ${dr.distanceKm} > 0`;
  const rows = await db
    .select({
      vehicleId: dr.vehicleId,
      vin: vehicles.vin,
      drives: sql<number>`count(*)::int`,
      distanceKm: rounded(sql`coalesce(sum(${dr.distanceKm}), 0)`, 1),
      energyUsedKwh: rounded(sql`coalesce(sum(${dr.energyUsedKwh}), 0)`, 3),
      efficiencyWhPerKm: rounded(
        sql`1000 * sum(${dr.energyUsedKwh}) filter (where ${known}) / nullif(sum(${dr.distanceKm}) filter (where ${known}), 0)`,
        0,
      ),
      durationHours: rounded(sql`coalesce(sum(extract(epoch from (${dr.endedAt} - ${dr.startedAt}))), 0) / 3600`, 2),
      maxSpeedKmh: rounded(sql`max(${dr.maxSpeedKmh})`, 1),
      firstDriveAt: sql`min(${dr.startedAt})`.mapWith(dr.startedAt),
      lastDriveAt: sql`max(${dr.startedAt})`.mapWith(dr.startedAt),
    })
    .from(dr)
    .innerJoin(vehicles, eq(vehicles.id, dr.vehicleId))
    .where(and(eq(dr.driverId, p.driverId), within(dr.startedAt, p.from, p.to)))
    .groupBy(dr.vehicleId, vehicles.vin)
    .orderBy(asc(vehicles.vin));
  return rows.map((r) => ({
    ...r,
    distanceKm: r.distanceKm ?? 0,
    energyUsedKwh: r.energyUsedKwh ?? 0,
    durationHours: r.durationHours ?? 0,
  }));
}
