import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { drivers, drives } from '@/db/schema';
import { readPreferences } from '@/lib/settings/preferences';
import { localParts } from '@/lib/time';
import { seedDemo } from '@/lib/sync/demo';
import { replay } from '@/lib/sync/replay';
import { DEFAULT_START } from '@/lib/simulator';
import { openTestDb, testDriver } from '../../setup/test-db';
import { DAY, testEnv } from './harness';

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => h.close());

const allDrives = () => h.db.select().from(drives).orderBy(asc(drives.startedAt));

/** The commuter's rule, judged independently of lib/stats: weekday 06:00–10:00 local. */
const inWindow = (at: Date, timeZone: string) => {
  const p = localParts(at, timeZone);
  return p.weekday >= 1 && p.weekday <= 5 && p.minuteOfDay >= 360 && p.minuteOfDay < 600;
};

describe(`the sync assigns drives to drivers on ${testDriver()}`, () => {
  it("by rule as drives are derived, in the owner's time zone, and never over a hand assignment", async () => {
    const [commuter] = await h.db
      .insert(drivers)
      .values({ name: 'Commuter', rules: [{ days: [1, 2, 3, 4, 5], from: '06:00', to: '10:00' }] })
      .returning();
    const [other] = await h.db.insert(drivers).values({ name: 'Other', priority: 9 }).returning();
    const end = DEFAULT_START + 4 * DAY;
    const { sim, tesla } = await seedDemo({ db: h.db, scenario: 'commuter', days: 4, now: new Date(end), env: testEnv() });
    const { timeZone } = await readPreferences(h.db);

    const first = await allDrives();
    const expected = (d: (typeof first)[number]) =>
      inWindow(d.startedAt, timeZone) ? { driverId: commuter!.id, by: 'rule' } : { driverId: null, by: null };
    expect(first.filter((d) => inWindow(d.startedAt, timeZone)).length).toBeGreaterThan(0);
    expect(first.filter((d) => !inWindow(d.startedAt, timeZone)).length).toBeGreaterThan(0);
    for (const d of first) expect({ driverId: d.driverId, by: d.driverAssignment }, d.startedAt.toISOString()).toEqual(expected(d));

    // The owner says a morning drive was someone else's; two more days of syncing leave that alone.
    const morning = first.find((d) => inWindow(d.startedAt, timeZone))!;
    await h.db.update(drives).set({ driverId: other!.id, driverAssignment: 'manual' }).where(eq(drives.id, morning.id));
    await replay({ db: h.db, sim, tesla, until: end + 2 * DAY, tickMs: 5 * 60_000, followPolicy: true, quietRunMs: 3 * 3_600_000 });

    const later = await allDrives();
    expect(later.length).toBeGreaterThan(first.length);
    for (const d of later) {
      const want = d.id === morning.id ? { driverId: other!.id, by: 'manual' } : expected(d);
      expect({ driverId: d.driverId, by: d.driverAssignment }, d.startedAt.toISOString()).toEqual(want);
    }
  }, 300_000); // seeds 4 demo days and syncs 2 more: about a minute on a loaded 2-core machine
});
