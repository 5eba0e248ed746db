import 'server-only';
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { chargingSessions, drives, vehicleActivity } from '../schema';
import { rounded } from './filters';

/**
 * Reads of the vehicle detail page. Every one is bounded by a time window on an indexed
 * (vehicle_id, time) column, so the page costs the same with a week or with years of history.
 */

export type ActivityStretch = { state: 'online' | 'asleep' | 'offline'; startedAt: Date; lastSeenAt: Date };

/**
 * Observed stretches overlapping [from, to): those starting inside the window plus the one
 * running into it (idx_vehicle_activity_vehicle_start, each a range or LIMIT 1 scan), oldest first.
 */
export async function listActivityStretches(db: Db, p: { vehicleId: string; from: Date; to: Date }): Promise<ActivityStretch[]> {
  const a = vehicleActivity;
  const cols = { state: a.state, startedAt: a.startedAt, lastSeenAt: a.lastSeenAt };
  const [before, inside] = await Promise.all([
    db
      .select(cols)
      .from(a)
      .where(and(eq(a.vehicleId, p.vehicleId), lt(a.startedAt, p.from)))
      .orderBy(desc(a.startedAt))
      .limit(1),
    db
      .select(cols)
      .from(a)
      .where(and(eq(a.vehicleId, p.vehicleId), gte(a.startedAt, p.from), lt(a.startedAt, p.to)))
      .orderBy(asc(a.startedAt))
      .limit(20_000),
  ]);
  const head = before.filter((s) => s.lastSeenAt.getTime() >= p.from.getTime());
  return [...head, ...inside];
}

/** A drive or charge; battery levels in % at its start and end (null when not seen). */
export type Span = { startedAt: Date; endedAt: Date | null; startBatteryLevel: number | null; endBatteryLevel: number | null };

/** Drives and charges overlapping [from, to), oldest first (each: index range plus the one before). */
export async function listBusySpans(db: Db, p: { vehicleId: string; from: Date; to: Date }): Promise<{ drives: Span[]; charges: Span[] }> {
  const spans = async (t: typeof drives | typeof chargingSessions) => {
    const cols = { startedAt: t.startedAt, endedAt: t.endedAt, startBatteryLevel: t.startBatteryLevel, endBatteryLevel: t.endBatteryLevel };
    const [before, inside] = await Promise.all([
      db
        .select(cols)
        .from(t)
        .where(and(eq(t.vehicleId, p.vehicleId), lt(t.startedAt, p.from)))
        .orderBy(desc(t.startedAt))
        .limit(1),
      db
        .select(cols)
        .from(t)
        .where(and(eq(t.vehicleId, p.vehicleId), gte(t.startedAt, p.from), lt(t.startedAt, p.to)))
        .orderBy(asc(t.startedAt))
        .limit(5000),
    ]);
    return [...before.filter((s) => s.endedAt === null || s.endedAt.getTime() > p.from.getTime()), ...inside];
  };
  const [d, c] = await Promise.all([spans(drives), spans(chargingSessions)]);
  return { drives: d, charges: c };
}

export type DriveEfficiencyDay = {
  /** Local date YYYY-MM-DD in the given time zone. */
  date: string;
  drives: number;
  distanceKm: number;
  /** Energy of the drives whose energy is known, and the distance those drives covered. */
  knownEnergyKwh: number | null;
  knownDistanceKm: number | null;
  /** Battery percentage points the drives used (start − end), over `batteryDistanceKm`. */
  batteryPctUsed: number | null;
  batteryDistanceKm: number | null;
};

/**
 * Drives started in [from, to) summed per local day of `timeZone`, oldest first
 * (idx_drives_vehicle_started). Drives shorter than 0.5 km are left out (their figures are noise).
 */
export async function driveEfficiencyByDay(
  db: Db,
  p: { vehicleId: string; from: Date; to: Date; timeZone: string },
): Promise<DriveEfficiencyDay[]> {
  const d = drives;
  const known = sql`${d.energyUsedKwh} is not null`;
  const levels = sql`${d.startBatteryLevel} is not null and ${d.endBatteryLevel} is not null`;
  const rows = await db
    .select({
      date: sql<string>`to_char(${d.startedAt} at time zone ${p.timeZone}, 'YYYY-MM-DD')`,
      drives: sql<number>`count(*)::int`,
      distanceKm: rounded(sql`sum(${d.distanceKm})`, 1),
      knownEnergyKwh: rounded(sql`sum(${d.energyUsedKwh}) filter (where ${known})`, 3),
      knownDistanceKm: rounded(sql`sum(${d.distanceKm}) filter (where ${known})`, 1),
      batteryPctUsed: rounded(sql`sum(${d.startBatteryLevel} - ${d.endBatteryLevel}) filter (where ${levels})`, 1),
      batteryDistanceKm: rounded(sql`sum(${d.distanceKm}) filter (where ${levels})`, 1),
    })
    .from(d)
    .where(and(eq(d.vehicleId, p.vehicleId), gte(d.startedAt, p.from), lt(d.startedAt, p.to), sql`${d.distanceKm} >= 0.5`))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((r) => ({ ...r, distanceKm: r.distanceKm ?? 0 }));
}

/**
 * Usable capacity (kWh) estimated from the closed charges started in [from, to): energy added ÷
 * battery points gained × 100, over charges that gained at least 5 points. Null without such charges.
 */
export async function estimateCapacityKwh(db: Db, p: { vehicleId: string; from: Date; to: Date }): Promise<number | null> {
  const c = chargingSessions;
  const gain = sql`(${c.endBatteryLevel} - ${c.startBatteryLevel})`;
  const [row] = await db
    .select({ kwh: rounded(sql`100 * sum(${c.energyAddedKwh}) / nullif(sum(${gain}), 0)`, 1) })
    .from(c)
    .where(
      and(
        eq(c.vehicleId, p.vehicleId),
        gte(c.startedAt, p.from),
        lt(c.startedAt, p.to),
        sql`${c.endedAt} is not null and ${c.energyAddedKwh} > 0 and ${gain} >= 5`,
      ),
    );
  return row?.kwh ?? null;
}
