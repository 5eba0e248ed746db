import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { sql } from 'drizzle-orm';
import { chargingSessions, locations, tariffs } from '@/db/schema';
import { commuter, DEFAULT_START } from '@/lib/simulator';
import { seedDemo } from '@/lib/sync/demo';
import { runSync } from '@/lib/sync/run-sync';
import { openTestDb, testDriver } from '../../setup/test-db';
import { testEnv } from './harness';

const RATE = 0.25;
const HOUR = 3_600_000;

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => h.close());

describe(`one pricing basis on ${testDriver()}`, () => {
  it('a polled and a Wall Connector session at one flat rate cost the same per kWh from the wall', async () => {
    // The owner's own flat home tariff (the demo's places are then not seeded).
    const [flat] = await h.db
      .insert(tariffs)
      .values({ name: 'Flat', kind: 'flat', currency: 'EUR', pricePerKwh: RATE, periods: [] })
      .returning({ id: tariffs.id });
    const home = commuter.places.find((p) => p.kind === 'home')!;
    await h.db
      .insert(locations)
      .values({ name: 'Home', latitude: home.lat, longitude: home.lon, radiusM: 150, isHome: true, tariffId: flat!.id });
    // Three days ending late in the morning: the nights before are Wall Connector sessions, last night's is still polled.
    const seeded = await seedDemo({
      db: h.db,
      scenario: 'commuter',
      days: 3,
      now: new Date(DEFAULT_START + 3 * 24 * HOUR + 10 * HOUR),
      env: testEnv(),
    });
    const sessions = await h.db.select().from(chargingSessions);
    const priced = sessions.filter((s) => s.costWithoutSolar !== null && s.endedAt !== null);
    const polled = priced.filter((s) => s.source === 'polled');
    const wall = priced.filter((s) => s.source === 'wall_connector');
    expect(polled.length, 'polled sessions').toBeGreaterThan(0);
    expect(wall.length, 'Wall Connector sessions').toBeGreaterThan(0);
    for (const s of [...polled, ...wall]) {
      expect(s.pricedKwh, s.sessionKey).not.toBeNull();
      // Cents rounding only: every kWh from the wall at the one rate.
      expect(Math.abs(s.costWithoutSolar! - RATE * s.pricedKwh!), s.sessionKey).toBeLessThanOrEqual(0.0051);
      // Energy from the wall is never below what reached the battery.
      expect(s.pricedKwh!).toBeGreaterThan(s.energyAddedKwh ?? 0);
    }
    for (const s of wall) expect([s.pricingBasis, s.pricedKwh]).toEqual(['wall_connector', s.energyUsedKwh]);
    for (const s of polled) expect(['car_measured', 'estimated']).toContain(s.pricingBasis);
    // Energy added stays its own figure.
    expect(polled.every((s) => s.energyAddedKwh !== null && s.energyAddedKwh > 0)).toBe(true);

    // Sessions stored before the basis was recorded (priced on energy added, as the code before it
    // did for polled ones) get it on the next sync run, and a run after that changes nothing.
    const settled = (rows: (typeof chargingSessions.$inferSelect)[]) =>
      rows.map((s) => [s.sessionKey, s.cost, s.costWithoutSolar, s.pricedKwh, s.pricingBasis]).sort();
    const before = settled(await h.db.select().from(chargingSessions));
    await h.db.execute(
      sql`update charging_sessions set priced_kwh = null, pricing_basis = null,
            cost = round(coalesce(energy_added_kwh, energy_used_kwh) * ${RATE}, 2), cost_without_solar = round(coalesce(energy_added_kwh, energy_used_kwh) * ${RATE}, 2)
          where ended_at is not null and source <> 'supercharger_history'`,
    );
    const sync = () => runSync({ db: h.db, tesla: seeded.tesla, now: () => new Date(seeded.sim.now()) }, { trigger: 'scheduler' });
    const first = await sync();
    expect(first.counts.charges_repriced ?? 0).toBeGreaterThan(0);
    expect(settled(await h.db.select().from(chargingSessions))).toEqual(before);
    const second = await sync();
    expect(second.counts.charges_repriced ?? 0).toBe(0);
    expect(settled(await h.db.select().from(chargingSessions))).toEqual(before);
  }, 300_000);
});
