import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { DEFAULT_START } from '@/lib/simulator';
import { prepareDemo } from '@/lib/sync/demo';
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
