import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { pgErrorCode, UNIQUE_VIOLATION, type Db } from '../client';
import { chargingSessions, drives, energyBuckets, locations, tariffs } from '../schema';

/** Persistence of derived charging sessions and drives (upserts on their natural keys). */
export type SessionRow = typeof chargingSessions.$inferSelect;
export type NewSessionRow = typeof chargingSessions.$inferInsert;
export type NewDriveRow = typeof drives.$inferInsert;
export type LocationRow = typeof locations.$inferSelect;
export type TariffRow = typeof tariffs.$inferSelect;

/** The derivation window's anchors: newest session derived from samples, newest drive. */
export async function derivationAnchors(
  db: Db,
  vehicleId: string,
): Promise<{ session: SessionRow | undefined; driveStartedAt: Date | null }> {
  const [session] = await db
    .select()
    .from(chargingSessions)
    .where(and(eq(chargingSessions.vehicleId, vehicleId), sql`${chargingSessions.sessionKey} like ${`${vehicleId}:%`}`))
    .orderBy(desc(chargingSessions.startedAt))
    .limit(1);
  const [drive] = await db
    .select({ startedAt: drives.startedAt })
    .from(drives)
    .where(eq(drives.vehicleId, vehicleId))
    .orderBy(desc(drives.startedAt))
    .limit(1);
  return { session, driveStartedAt: drive?.startedAt ?? null };
}

/** Sessions of a vehicle that started at or after `from`, or are still open. */
export async function sessionsSince(db: Db, vehicleId: string, from: Date): Promise<SessionRow[]> {
  return db
    .select()
    .from(chargingSessions)
    .where(and(eq(chargingSessions.vehicleId, vehicleId), or(gte(chargingSessions.startedAt, from), isNull(chargingSessions.endedAt))))
    .orderBy(asc(chargingSessions.startedAt));
}

/**
 * Insert or update one whole session by (vehicle_id, session_key). One `insert … on conflict`
 * statement is its own transaction: a session is written completely or not at all.
 */
export async function upsertSession(db: Db, row: NewSessionRow): Promise<void> {
  const { vehicleId: _v, sessionKey: _k, ...set } = row;
  await db
    .insert(chargingSessions)
    .values(row)
    .onConflictDoUpdate({ target: [chargingSessions.vehicleId, chargingSessions.sessionKey], set: { ...set, updatedAt: sql`now()` } });
}

/**
 * Insert or update one drive by (vehicle_id, started_at). `storedAt`: the start under which the same
 * drive is already stored (its estimated start moved when re-derived): that row is moved instead.
 */
export async function upsertDrive(db: Db, storedAt: Date | null, row: NewDriveRow): Promise<void> {
  const { vehicleId: _v, startedAt: _s, driverId: _d, driverAssignment: _a, ...set } = row;
  if (storedAt) {
    const moved = await db
      .update(drives)
      .set({ ...set, startedAt: row.startedAt, updatedAt: sql`now()` })
      .where(and(eq(drives.vehicleId, row.vehicleId), eq(drives.startedAt, storedAt)))
      .returning({ id: drives.id })
      .catch((err: unknown) => {
        // Only "a drive already starts there" (unique key, 23505) falls through to the upsert below.
        if (pgErrorCode(err) === UNIQUE_VIOLATION) return [];
        throw err;
      });
    if (moved.length > 0) return;
  }
  await db
    .insert(drives)
    .values(row)
    .onConflictDoUpdate({ target: [drives.vehicleId, drives.startedAt], set: { ...set, updatedAt: sql`now()` } });
}

export async function drivesSince(db: Db, vehicleId: string, from: Date) {
  return db
    .select({ startedAt: drives.startedAt, endedAt: drives.endedAt })
    .from(drives)
    .where(and(eq(drives.vehicleId, vehicleId), or(gte(drives.startedAt, from), isNull(drives.endedAt))));
}

export async function listPlaces(db: Db): Promise<{ locations: LocationRow[]; tariffs: TariffRow[] }> {
  const [l, t] = await Promise.all([db.select().from(locations), db.select().from(tariffs)]);
  return { locations: l, tariffs: t };
}

/** A bucket's span and its directed flows (kWh), what the solar split reads. */
export const bucketFlowColumns = {
  startAt: energyBuckets.startAt,
  endAt: energyBuckets.endAt,
  homeFromSolarKwh: energyBuckets.homeFromSolarKwh,
  homeFromBatteryKwh: energyBuckets.homeFromBatteryKwh,
  homeFromGridKwh: energyBuckets.homeFromGridKwh,
  batteryFromSolarKwh: energyBuckets.batteryFromSolarKwh,
  batteryFromGridKwh: energyBuckets.batteryFromGridKwh,
  batteryDischargedKwh: energyBuckets.batteryDischargedKwh,
};

/** Energy buckets of the site overlapping [from, to). */
export async function bucketsBetween(db: Db, siteId: string, from: Date, to: Date) {
  return db
    .select(bucketFlowColumns)
    .from(energyBuckets)
    .where(and(eq(energyBuckets.siteId, siteId), gte(energyBuckets.endAt, from), lte(energyBuckets.startAt, to)))
    .orderBy(asc(energyBuckets.startAt));
}

/** Sessions by key (reconciliation). */
export async function sessionsByKeys(db: Db, vehicleId: string, keys: string[]): Promise<SessionRow[]> {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(chargingSessions)
    .where(and(eq(chargingSessions.vehicleId, vehicleId), inArray(chargingSessions.sessionKey, keys)));
}

/** Sessions (any vehicle) that started in [from, to). */
export async function sessionsBetween(db: Db, from: Date, to: Date): Promise<SessionRow[]> {
  return db
    .select()
    .from(chargingSessions)
    .where(and(gte(chargingSessions.startedAt, from), lte(chargingSessions.startedAt, to)))
    .orderBy(asc(chargingSessions.startedAt));
}

/** Closed home-able sessions ending in [from, to) still waiting for their solar split. */
export async function sessionsAwaitingSplit(db: Db, from: Date, to: Date): Promise<SessionRow[]> {
  return db
    .select()
    .from(chargingSessions)
    .where(
      and(
        isNull(chargingSessions.attributionRule),
        gte(chargingSessions.endedAt, from),
        lte(chargingSessions.endedAt, to),
        or(isNull(chargingSessions.chargerType), eq(chargingSessions.chargerType, 'ac')),
      ),
    );
}

/**
 * Closed sessions with a known energy but no pricing basis (priced before the basis was recorded,
 * or added from Tesla's history without a price), newest first: re-priced by the sync, after which
 * they have a basis and are not listed again.
 */
export async function sessionsWithoutBasis(db: Db, limit: number): Promise<SessionRow[]> {
  return db
    .select()
    .from(chargingSessions)
    .where(
      and(
        isNull(chargingSessions.pricingBasis),
        sql`${chargingSessions.endedAt} is not null`,
        or(sql`${chargingSessions.energyAddedKwh} > 0`, sql`${chargingSessions.energyUsedKwh} > 0`),
      ),
    )
    .orderBy(desc(chargingSessions.startedAt))
    .limit(limit);
}

/** Updates one stored session in place (reconciliation, re-pricing). */
export async function updateSession(db: Db, id: string, values: Partial<NewSessionRow>): Promise<void> {
  await db
    .update(chargingSessions)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(chargingSessions.id, id));
}
