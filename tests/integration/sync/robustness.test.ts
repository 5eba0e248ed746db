import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, queryRows, type Db, type DbHandle } from '@/db/client';
import { chargingSessions, drives, syncRuns } from '@/db/schema';
import { DEFAULT_START } from '@/lib/simulator';
import { seedDemo } from '@/lib/sync/demo';
import { runSync } from '@/lib/sync/run-sync';
import { openTestDb, testDriver, truncateAll } from '../../setup/test-db';
import { DAY, derived, expectSameRecords, testEnv } from './harness';

/**
 * Crash and overlap safety of runSync: a run killed half-way (its database writes start failing
 * mid-derivation) and re-run converges to exactly the rows of an undisturbed sync; two runs
 * started at once produce the rows of one (the loser is recorded as skipped).
 */
let a: DbHandle;
let b: DbHandle;
beforeAll(async () => {
  [a, b] = await Promise.all([openTestDb(), openTestDb()]);
});
afterAll(async () => Promise.all([a.close(), b.close()]));
beforeEach(async () => Promise.all([truncateAll(a), truncateAll(b)]));

const DAYS = 4;
const END = new Date(DEFAULT_START + DAYS * DAY);

/**
 * A database whose writes of derived records (drives, sessions) throw from the `left`-th one on
 * while `armed`: a run dying in the middle of its derivation, after its samples were stored
 * (what was committed stays, the rest never happens).
 */
function killable(db: Db) {
  const kill = { armed: false, left: 0, kills: 0 };
  const guarded = (name: string, args: unknown[]) =>
    (name === 'insert' || name === 'update') && (args[0] === drives || args[0] === chargingSessions);
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (kill.armed && guarded(prop, args) && kill.left-- <= 0) {
          kill.kills++;
          throw new Error('killed mid-run');
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: proxy, kill };
}

describe(`runSync crash and overlap safety on ${testDriver()}`, () => {
  it('a run killed half-way and re-run leaves the rows of an undisturbed sync: no duplicate, no half-written session', async () => {
    await seedDemo({ db: a.db, scenario: 'commuter', days: DAYS, now: END, env: testEnv() });
    const { db, kill } = killable(b.db);
    let tick = 0;
    await seedDemo({
      db,
      scenario: 'commuter',
      days: DAYS,
      now: END,
      env: testEnv(),
      // Every third run dies at its first or second derived-record write (after its samples are stored).
      onTick: () => {
        tick++;
        kill.armed = tick % 3 === 0;
        kill.left = tick % 2;
      },
    });
    expect(kill.kills).toBeGreaterThanOrEqual(5);
    const failed = await queryRows<{ n: number }>(b.db, sql`select count(*)::int as n from sync_runs where error like '%killed mid-run%'`);
    expect(failed[0]!.n).toBeGreaterThan(0);
    await expectSameRecords(b.db, await derived(a.db));
  }, 300_000);

  it('two runs started at once produce the rows of one; the second is skipped', async () => {
    const other = testDriver() === 'postgres' && a.url ? createDb({ url: a.url, max: 3 }) : { db: a.db, close: async () => {} };
    const { sim, tesla } = await seedDemo({
      db: a.db,
      scenario: 'commuter',
      days: 2,
      now: new Date(DEFAULT_START + 2 * DAY),
      env: testEnv(),
    });
    await seedDemo({ db: b.db, scenario: 'commuter', days: 2, now: new Date(DEFAULT_START + 2 * DAY), env: testEnv() });
    const now = () => new Date(sim.now());
    const before = await derived(a.db);
    expect(before).toEqual(await derived(b.db));
    sim.advanceBy(5 * 60_000);
    // The second connection is opened first: a run is quicker than a connection handshake, so a cold
    // pool would start its run only after the other had finished, and nothing would overlap.
    await other.db.execute(sql`select 1`);
    const [one, two] = await Promise.all([
      runSync({ db: a.db, tesla, now }, { trigger: 'cron' }),
      runSync({ db: other.db, tesla, now }, { trigger: 'manual', fresh: true }),
    ]);
    await other.close();
    expect([one.status, two.status].sort()).toEqual(['skipped', 'succeeded']);
    const skipped = [one, two].find((r) => r.status === 'skipped')!;
    expect(skipped.runId).toBeNull();
    expect(skipped.requests).toBe(0);
    const rows = await a.db
      .select({ status: syncRuns.status })
      .from(syncRuns)
      .where(sql`${syncRuns.startedAt} >= ${new Date(sim.now() - 60_000).toISOString()}`);
    expect(rows.map((r) => r.status).sort()).toEqual(['skipped', 'succeeded']);
    expect((await derived(a.db)).drives).toEqual(before.drives);
    const dupes = await queryRows<{ n: number }>(
      a.db,
      sql`select count(*)::int as n from (select vehicle_id, session_key from charging_sessions group by 1, 2 having count(*) > 1) d`,
    );
    expect(dupes[0]!.n).toBe(0);
  }, 300_000);
});
