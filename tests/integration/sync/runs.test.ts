import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { apiRequests } from '@/db/schema';
import { finishRun, listRuns, STALE_RUN_MS, startRun } from '@/lib/sync/runs';
import { testDriver } from '../../setup/test-db';
import { useEmptyDb } from '../../setup/seeded-db';

let h: DbHandle;
useEmptyDb((handle) => (h = handle));

const now = new Date('2026-06-01T12:00:00Z');

describe(`sync run lock on ${testDriver()}`, () => {
  it('lets exactly one of several simultaneous runs start; the others are recorded as skipped', async () => {
    const results = await Promise.all([0, 1, 2, 3].map(() => startRun(h.db, { trigger: 'cron', now })));
    const started = results.filter((r) => r.started);
    expect(started).toHaveLength(1);
    expect(results.filter((r) => !r.started).every((r) => !r.started && r.runningSince?.getTime() === now.getTime())).toBe(true);
    const runs = await listRuns(h.db);
    expect(runs.map((r) => r.status).sort()).toEqual(['running', 'skipped', 'skipped', 'skipped']);
  });

  it('a finished run frees the lock; its counts and status are kept', async () => {
    const first = await startRun(h.db, { trigger: 'manual', now });
    if (!first.started) throw new Error('expected to start');
    // The run's requests: the ledger's rows from its start on, auth calls excluded.
    const at = (ms: number, category: 'state' | 'data' | 'auth') => ({
      requestedAt: new Date(now.getTime() + ms),
      method: 'GET',
      pathTemplate: '/x',
      category,
      status: 200,
      billable: false,
      costUsd: 0,
    });
    await h.db
      .insert(apiRequests)
      .values([at(-1000, 'data'), at(0, 'state'), at(1000, 'data'), at(2000, 'auth'), at(3000, 'state'), at(4000, 'data')]);
    const requests = await finishRun(h.db, first.id, {
      status: 'succeeded',
      now: new Date(now.getTime() + 5000),
      counts: { states: 3 },
      requestsSince: now,
    });
    expect(requests).toBe(4);
    const second = await startRun(h.db, { trigger: 'scheduler', now: new Date(now.getTime() + 6000) });
    expect(second.started).toBe(true);
    const [, done] = await listRuns(h.db);
    expect(done).toMatchObject({ status: 'succeeded', counts: { states: 3 }, requests: 4, trigger: 'manual' });
  });

  it('closes a run abandoned by a crashed process and starts a new one', async () => {
    const crashed = await startRun(h.db, { trigger: 'cron', now });
    expect(crashed.started).toBe(true);
    const soonAfter = await startRun(h.db, { trigger: 'cron', now: new Date(now.getTime() + 60_000) });
    expect(soonAfter.started).toBe(false);
    const later = await startRun(h.db, { trigger: 'cron', now: new Date(now.getTime() + STALE_RUN_MS + 1) });
    expect(later.started).toBe(true);
    const runs = await listRuns(h.db);
    expect(runs.find((r) => crashed.started && r.id === crashed.id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('Abandoned'),
    });
  });
});
