import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { DEFAULT_START } from '@/lib/simulator';
import { demoStatus, prepareDemo } from '@/lib/sync/demo';
import { runSync } from '@/lib/sync/run-sync';
import { openTestDb, testDriver } from '../../setup/test-db';
import { DAY } from './harness';

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => h.close());

describe(`the demo after a restart on ${testDriver()}`, () => {
  it("keeps syncing when the world is older than Tesla's 90-day refresh-token lifetime", async () => {
    const first = await prepareDemo(h.db, { scenario: 'commuter', seed: 1, days: 2, now: new Date(DEFAULT_START + 2 * DAY) });
    expect(first.outcome).toBe('seeded');
    // The server restarts 120 days later: the same world is rebuilt from its start and moved to now.
    const again = await prepareDemo(h.db, { scenario: 'commuter', seed: 1, days: 2, now: new Date(DEFAULT_START + 120 * DAY) });
    expect(again.outcome).toBe('ready');
    const run = await runSync({ db: h.db, tesla: again.tesla, now: () => new Date(again.sim.now()) }, { trigger: 'scheduler' });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe('succeeded');
    expect(run.requests).toBeGreaterThanOrEqual(2); // the vehicle list and the site's live status at least
  }, 120_000);
});

describe(`the demo's progress, as the banner reads it, on ${testDriver()}`, () => {
  it('says seeding with a growing share of the days while the history is written, then ready', async () => {
    const db = await openTestDb();
    try {
      const now = new Date(DEFAULT_START + 3 * DAY);
      expect(await demoStatus(db.db, now)).toBeNull(); // nothing seeded yet: no demo to speak of
      const seen: { percent: number; until: number }[] = [];
      let pending = Promise.resolve();
      await prepareDemo(db.db, {
        scenario: 'commuter',
        seed: 1,
        days: 3,
        now,
        onTick: (_summary, at) => {
          // At the half hours of the world's clock, read what a page would show at this point of the seeding.
          if (Math.floor(at.getTime() / 60_000) % 30 !== 0) return;
          pending = pending.then(async () => {
            const s = await demoStatus(db.db, now);
            if (s?.seeding) seen.push({ percent: s.percent, until: s.historyUntil!.getTime() });
          });
        },
      });
      await pending;
      expect(seen.length).toBeGreaterThan(3);
      expect(seen[0]!.percent).toBeLessThan(50);
      expect(seen.at(-1)!.percent).toBeGreaterThan(50);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.percent).toBeGreaterThanOrEqual(seen[i - 1]!.percent);
      for (const s of seen) expect(s.percent).toBeLessThanOrEqual(99);
      expect(await demoStatus(db.db, now)).toEqual({ scenario: 'commuter', seeding: false });
    } finally {
      await db.close();
    }
  }, 180_000);
});
