import 'server-only';
import { and, asc, desc, eq, getTableColumns, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { vehicleActivity, vehicleStates, vehicles, type Connectivity } from '../schema';

/** Persistence of the sync's vehicle steps: vehicles, state-check observations and samples. */
export type VehicleRow = typeof vehicles.$inferSelect;
export type StateRow = typeof vehicleStates.$inferSelect;
export type NewStateRow = typeof vehicleStates.$inferInsert;

/** The stored vehicles, least recently synced first (what the energy step reconciles against when Tesla's vehicle list failed). */
export async function listVehicleRows(db: Db): Promise<VehicleRow[]> {
  return db
    .select()
    .from(vehicles)
    .orderBy(sql`${vehicles.lastSeenAt} asc nulls first`, asc(vehicles.vin));
}

/** Upserts the account's vehicles by Tesla id and returns them, least recently synced first. */
export async function upsertVehicles(
  db: Db,
  list: readonly { teslaId: string; vin: string; displayName: string | null }[],
): Promise<VehicleRow[]> {
  if (list.length === 0) return [];
  const known = await db
    .select()
    .from(vehicles)
    .orderBy(sql`${vehicles.lastSeenAt} asc nulls first`, asc(vehicles.vin));
  const same = (v: (typeof list)[number]) =>
    known.some((k) => k.teslaId === v.teslaId && k.vin === v.vin && (v.displayName === null || k.displayName === v.displayName));
  if (list.every(same)) return known;
  await db
    .insert(vehicles)
    .values(list.map((v) => ({ teslaId: v.teslaId, vin: v.vin, displayName: v.displayName })))
    .onConflictDoUpdate({
      target: vehicles.teslaId,
      set: { vin: sql`excluded.vin`, displayName: sql`coalesce(excluded.display_name, ${vehicles.displayName})` },
    });
  return db
    .select()
    .from(vehicles)
    .orderBy(sql`${vehicles.lastSeenAt} asc nulls first`, asc(vehicles.vin));
}

/**
 * Records one state check: the vehicle's current state and the run-length encoded observation.
 * `vehicles.state_since` is the start of the current stretch (its key). The same state within
 * `maxGapMs` of the last check extends the stretch; anything else starts a new one, and a short
 * gap closes the previous stretch at this check (the change happened in between).
 */
export async function recordObservation(db: Db, v: VehicleRow, state: Connectivity, at: Date, maxGapMs: number): Promise<void> {
  if (v.lastSeenAt && v.lastSeenAt.getTime() >= at.getTime()) return;
  const contiguous = v.lastSeenAt !== null && v.stateSince !== null && at.getTime() - v.lastSeenAt.getTime() <= maxGapMs;
  const current = v.stateSince ? and(eq(vehicleActivity.vehicleId, v.id), eq(vehicleActivity.startedAt, v.stateSince)) : undefined;
  const extend = contiguous && v.state === state;
  const stateSince = extend ? v.stateSince : at;
  if (extend && v.stateSince) {
    // The common case (same state as the last check): the stretch and the car in one statement.
    const since = v.stateSince.toISOString();
    const iso = at.toISOString(); // raw SQL parameters: postgres.js takes no Date there
    await db.execute(sql`with stretch as (
        update vehicle_activity set last_seen_at = ${iso}::timestamptz where vehicle_id = ${v.id} and started_at = ${since}::timestamptz
      )
      update vehicles set state = ${state}, last_seen_at = ${iso}::timestamptz, state_since = ${since}::timestamptz, updated_at = ${iso}::timestamptz where id = ${v.id}`);
  } else {
    if (contiguous && current) await db.update(vehicleActivity).set({ lastSeenAt: at }).where(current);
    await db.insert(vehicleActivity).values({ vehicleId: v.id, state, startedAt: at, lastSeenAt: at }).onConflictDoNothing();
    await db.update(vehicles).set({ state, lastSeenAt: at, stateSince, updatedAt: at }).where(eq(vehicles.id, v.id));
  }
  Object.assign(v, { state, lastSeenAt: at, stateSince });
}

/** Stores one sample; the car's timestamp is the natural key, so a repeated sample is a no-op (false). */
export async function insertState(db: Db, row: NewStateRow): Promise<boolean> {
  const out = await db.insert(vehicleStates).values(row).onConflictDoNothing().returning({ id: vehicleStates.id });
  return out.length > 0;
}

export async function latestState(db: Db, vehicleId: string): Promise<StateRow | undefined> {
  const [row] = await db
    .select()
    .from(vehicleStates)
    .where(eq(vehicleStates.vehicleId, vehicleId))
    .orderBy(desc(vehicleStates.timestamp))
    .limit(1);
  return row;
}

/**
 * Samples from `from` on, preceded by every sample back to the last parked one before `from`
 * (derivations need the state before a session, and a drive's start readings come from the last
 * parked sample before it).
 */
export async function statesFrom(db: Db, vehicleId: string, from: Date): Promise<StateRow[]> {
  const parked = db
    .select({ timestamp: vehicleStates.timestamp })
    .from(vehicleStates)
    .where(
      and(
        eq(vehicleStates.vehicleId, vehicleId),
        lt(vehicleStates.timestamp, from),
        sql`coalesce(${vehicleStates.shiftState}, 'P') not in ('D','R','N')`,
      ),
    )
    .orderBy(desc(vehicleStates.timestamp))
    .limit(1);
  // raw_data (the whole Tesla payload, kilobytes per row) is not needed by the derivations.
  const { rawData: _raw, ...columns } = getTableColumns(vehicleStates);
  // One statement: the last parked sample before `from` is a scalar subquery (an index probe).
  return db
    .select({ ...columns, rawData: sql<unknown>`null` })
    .from(vehicleStates)
    .where(
      and(
        eq(vehicleStates.vehicleId, vehicleId),
        gte(vehicleStates.timestamp, sql`coalesce((${parked}), ${from.toISOString()}::timestamptz)`),
      ),
    )
    .orderBy(asc(vehicleStates.timestamp));
}

/** Observed stretches overlapping [from, ∞). */
export async function activitySince(db: Db, vehicleId: string, from: Date) {
  return db
    .select()
    .from(vehicleActivity)
    .where(and(eq(vehicleActivity.vehicleId, vehicleId), gte(vehicleActivity.lastSeenAt, from)))
    .orderBy(asc(vehicleActivity.startedAt));
}

export async function updateVehicle(db: Db, id: string, values: Partial<typeof vehicles.$inferInsert>): Promise<void> {
  await db.update(vehicles).set(values).where(eq(vehicles.id, id));
}
