import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgErrorCode, type DbHandle } from '@/db/client';
import { upsertDrive } from '@/db/queries/sync-sessions';
import { drives, vehicles } from '@/db/schema';
import { openTestDb, testDriver } from '../../setup/test-db';

/** upsertDrive moving a re-derived drive: only a unique-key conflict (23505) falls back to the upsert. */
let h: DbHandle;
let vehicleId: string;
const t1 = new Date('2026-01-05T08:00:00Z');
const t2 = new Date('2026-01-05T08:05:00Z');
const endedAt = new Date('2026-01-05T08:30:00Z');

beforeAll(async () => {
  h = await openTestDb();
  [{ id: vehicleId }] = await h.db.insert(vehicles).values({ teslaId: '1', vin: '5YJ3E1EA0KF000001' }).returning({ id: vehicles.id });
  await h.db.insert(drives).values([
    { vehicleId, startedAt: t1, endedAt, distanceKm: 10 },
    { vehicleId, startedAt: t2, endedAt, distanceKm: 12 },
  ]);
});
afterAll(() => h.close());

const stored = () => h.db.select({ at: drives.startedAt, km: drives.distanceKm }).from(drives).orderBy(asc(drives.startedAt));

describe(`upsertDrive (${testDriver()})`, () => {
  it('moves onto a start another drive holds: the 23505 is caught and that drive is updated instead', async () => {
    await upsertDrive(h.db, t1, { vehicleId, startedAt: t2, endedAt, distanceKm: 13 });
    expect(await stored()).toEqual([
      { at: t1, km: 10 },
      { at: t2, km: 13 },
    ]);
  });

  it('lets any other failure through (a CHECK violation is not a conflict)', async () => {
    const err = await upsertDrive(h.db, t1, { vehicleId, startedAt: t1, endedAt, distanceKm: -1 }).catch((e: unknown) => e);
    expect(pgErrorCode(err)).toBe('23514');
    expect((await h.db.select({ km: drives.distanceKm }).from(drives).where(eq(drives.startedAt, t1)))[0]?.km).toBe(10);
  });
});
