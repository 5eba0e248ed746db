import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { chargingSessions, drivers, drives, vehicles } from '../schema';
import { rounded, within } from './filters';
import { clock } from '@/lib/clock';

const driverColumns = {
  id: drivers.id,
  name: drivers.name,
  profileId: drivers.profileId,
  rules: drivers.rules,
  priority: drivers.priority,
  createdAt: drivers.createdAt,
  updatedAt: drivers.updatedAt,
};
export type DriverRow = typeof drivers.$inferSelect;
export type DriverInput = { name: string; profileId: string | null; rules: unknown[]; priority: number };

/** Every driver in rule order: priority (lower first), then the order they were added. */
export async function listDrivers(db: Db): Promise<DriverRow[]> {
  return db.select(driverColumns).from(drivers).orderBy(asc(drivers.priority), asc(drivers.createdAt), asc(drivers.name), asc(drivers.id));
}

export async function getDriver(db: Db, id: string): Promise<DriverRow | undefined> {
  const [row] = await db.select(driverColumns).from(drivers).where(eq(drivers.id, id)).limit(1);
  return row;
}

export async function createDriver(db: Db, input: DriverInput): Promise<DriverRow> {
  const [row] = await db.insert(drivers).values(input).returning(driverColumns);
  return row!;
}

/** Updates the given fields; undefined when no driver has this id. */
export async function updateDriver(db: Db, id: string, patch: Partial<DriverInput>): Promise<DriverRow | undefined> {
  const [row] = await db
    .update(drivers)
    .set({ ...patch, updatedAt: clock.now() })
    .where(eq(drivers.id, id))
    .returning(driverColumns);
  return row;
}

/** Deletes a driver; their drives lose their driver and are re-assigned by the caller. */
export async function deleteDriver(db: Db, id: string): Promise<boolean> {
  // Their drives, hand-assigned ones included, go back to the rules (not "manual: nobody").
  await db
    .update(drives)
    .set({ driverId: null, driverAssignment: null, updatedAt: sql`now()` })
    .where(eq(drives.driverId, id));
  const rows = await db.delete(drivers).where(eq(drivers.id, id)).returning({ id: drivers.id });
  return rows.length > 0;
}

// ---------- assignment ----------

/** Drives the rules may (re)assign: every drive not assigned by hand, optionally of one car from `from` on. */
export async function assignableDrives(db: Db, p: { vehicleId?: string; from?: Date } = {}) {
  return db
    .select({
      id: drives.id,
      vehicleId: drives.vehicleId,
      startedAt: drives.startedAt,
      startLocationId: drives.startLocationId,
      driverId: drives.driverId,
      driverAssignment: drives.driverAssignment,
    })
    .from(drives)
    .where(
      and(
        or(isNull(drives.driverAssignment), ne(drives.driverAssignment, 'manual')),
        p.vehicleId ? eq(drives.vehicleId, p.vehicleId) : undefined,
        within(drives.startedAt, p.from),
      ),
    );
}

/** How many drives each driver holds (by rule or by hand); `driverId` null: nobody's. */
export async function driveCountsByDriver(db: Db): Promise<{ driverId: string | null; drives: number }[]> {
  return db
    .select({ driverId: drives.driverId, drives: sql<number>`count(*)::int`.mapWith(Number) })
    .from(drives)
    .groupBy(drives.driverId);
}

/** Writes planned assignments, one statement per target driver (and one for "nobody"). */
export async function applyAssignments(
  db: Db,
  changes: readonly { id: string; driverId: string | null; driverAssignment: 'rule' | 'manual' | null }[],
): Promise<void> {
  const groups = new Map<string, { driverId: string | null; driverAssignment: 'rule' | 'manual' | null; ids: string[] }>();
  for (const c of changes) {
    const key = `${c.driverId}|${c.driverAssignment}`;
    const g = groups.get(key) ?? { driverId: c.driverId, driverAssignment: c.driverAssignment, ids: [] };
    g.ids.push(c.id);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    for (let i = 0; i < g.ids.length; i += 1000) {
      await db
        .update(drives)
        .set({ driverId: g.driverId, driverAssignment: g.driverAssignment, updatedAt: sql`now()` })
        .where(inArray(drives.id, g.ids.slice(i, i + 1000)));
    }
  }
}

/** Assigns one drive by hand (driverId null: nobody drove it, as far as the owner says). Undefined when no such drive. */
export async function setDriveDriver(db: Db, id: string, driverId: string | null, assignment: 'rule' | 'manual' | null) {
  const [row] = await db
    .update(drives)
    .set({ driverId, driverAssignment: assignment, updatedAt: sql`now()` })
    .where(eq(drives.id, id))
    .returning({ id: drives.id });
  return row;
}

// ---------- statistics ----------

export type DriverSummary = {
  driverId: string;
  drives: number;
  distanceKm: number;
  energyUsedKwh: number;
  efficiencyWhPerKm: number | null;
  cost: number | null;
};

/**
 * What a kWh put into each car cost in [from, to), per currency the charges were priced in (never
 * converted): that currency's charging cost ÷ the energy added by every priced charge of the car, so
 * the currencies' shares add up to the car's cost per kWh. Cars without a priced charge in the
 * window fall back to their all-time figures; none at all: absent from the map.
 */
export async function chargeCostPerKwh(db: Db, p: { from?: Date; to?: Date }): Promise<Map<string, Map<string, number>>> {
  const cs = chargingSessions;
  const q = (windowed: boolean) =>
    db
      .select({
        vehicleId: cs.vehicleId,
        currency: cs.costCurrency,
        cost: sql<number>`sum(${cs.cost})::float8`.mapWith(Number),
        kwh: sql<number>`sum(${cs.energyAddedKwh})::float8`.mapWith(Number),
      })
      .from(cs)
      .where(
        and(
          isNotNull(cs.costCurrency),
          isNotNull(cs.cost),
          sql`${cs.energyAddedKwh} > 0`,
          windowed ? within(cs.startedAt, p.from, p.to) : undefined,
        ),
      )
      .groupBy(cs.vehicleId, cs.costCurrency);
  const [all, windowed] = await Promise.all([q(false), p.from || p.to ? q(true) : Promise.resolve([])]);
  const perVehicle = (rows: typeof all) => {
    const out = new Map<string, Map<string, number>>();
    const kwh = new Map<string, number>();
    for (const r of rows) kwh.set(r.vehicleId, (kwh.get(r.vehicleId) ?? 0) + r.kwh);
    for (const r of rows) {
      const perKwh = r.cost / (kwh.get(r.vehicleId) ?? 0);
      if (r.currency === null || !Number.isFinite(perKwh)) continue;
      out.set(r.vehicleId, (out.get(r.vehicleId) ?? new Map()).set(r.currency, perKwh));
    }
    return out;
  };
  return new Map([...perVehicle(all), ...perVehicle(windowed)]);
}

/** Energy (kWh) of a driver's drives in [from, to) per car: the base of their cost. */
export async function driverEnergyByVehicle(db: Db, p: { driverId?: string; from?: Date; to?: Date }) {
  return db
    .select({
      driverId: drives.driverId,
      vehicleId: drives.vehicleId,
      drives: sql<number>`count(*)::int`,
      distanceKm: rounded(sql`coalesce(sum(${drives.distanceKm}), 0)`, 3),
      energyUsedKwh: rounded(sql`coalesce(sum(${drives.energyUsedKwh}), 0)`, 3),
      knownDistanceKm: rounded(
        sql`coalesce(sum(${drives.distanceKm}) filter (where ${drives.energyUsedKwh} is not null and ${drives.distanceKm} > 0), 0)`,
        3,
      ),
      knownEnergyKwh: rounded(
        sql`coalesce(sum(${drives.energyUsedKwh}) filter (where ${drives.energyUsedKwh} is not null and ${drives.distanceKm} > 0), 0)`,
        3,
      ),
    })
    .from(drives)
    .where(and(p.driverId ? eq(drives.driverId, p.driverId) : isNotNull(drives.driverId), within(drives.startedAt, p.from, p.to)))
    .groupBy(drives.driverId, drives.vehicleId);
}

/** The newest drives, optionally only those without a driver (for assigning by hand). */
export async function listRecentDrives(db: Db, p: { limit: number; offset?: number; unassigned?: boolean; driverId?: string }) {
  return db
    .select({
      id: drives.id,
      vin: vehicles.vin,
      vehicleName: vehicles.displayName,
      startedAt: drives.startedAt,
      endedAt: drives.endedAt,
      distanceKm: drives.distanceKm,
      energyUsedKwh: drives.energyUsedKwh,
      startPlace: drives.startPlace,
      endPlace: drives.endPlace,
      driverId: drives.driverId,
      driverAssignment: drives.driverAssignment,
    })
    .from(drives)
    .innerJoin(vehicles, eq(vehicles.id, drives.vehicleId))
    .where(and(p.unassigned ? isNull(drives.driverId) : undefined, p.driverId ? eq(drives.driverId, p.driverId) : undefined))
    .orderBy(desc(drives.startedAt), desc(drives.id))
    .limit(p.limit)
    .offset(p.offset ?? 0);
}
