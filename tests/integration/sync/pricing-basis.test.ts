import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { chargingSessions, locations, tariffs } from '@/db/schema';
import { commuter, DEFAULT_START } from '@/lib/simulator';
import { seedDemo } from '@/lib/sync/demo';
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
    await seedDemo({ db: h.db, scenario: 'commuter', days: 3, now: new Date(DEFAULT_START + 3 * 24 * HOUR + 10 * HOUR), env: testEnv() });
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
  }, 300_000);
});
