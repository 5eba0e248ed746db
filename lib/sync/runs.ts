import 'server-only';
import { and, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import { pgErrorCode, type Db } from '@/db/client';
import { syncRuns, type SYNC_TRIGGERS, type TeslaUnreadable } from '@/db/schema';

export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];
export type SyncRun = typeof syncRuns.$inferSelect;

/**
 * A run still 'running' after this long belongs to a process that died: it is closed as failed.
 * So is one that started more than this far in the future of `now`: only a clock other than ours
 * (a demo seeding on the simulator's virtual clock that was killed) can have written it.
 */
export const STALE_RUN_MS = 10 * 60_000;
export const ABANDONED = 'Abandoned: the process running it stopped before finishing.';

export type StartedRun = { started: true; id: string } | { started: false; runningSince: Date | null };

/**
 * Opens a sync run, or reports that another one is running. The partial unique index
 * `sync_runs_one_running_uq` allows one 'running' row at a time, so two processes (two cron
 * invocations, cron and the owner's "sync now") can never both pass: the loser records a
 * 'skipped' run and exits. A run left 'running' by a crashed process is closed when it blocks one.
 */
export async function startRun(db: Db, params: { trigger: SyncTrigger; now: Date }): Promise<StartedRun> {
  const open = () =>
    db.insert(syncRuns).values({ startedAt: params.now, trigger: params.trigger, status: 'running' }).returning({ id: syncRuns.id });
  try {
    const [row] = await open().catch(async (err: unknown) => {
      // Held: a run of a dead process (stale) is closed and the run opens after all; a live one wins.
      if (pgErrorCode(err) !== '23505' || (await closeStaleRuns(db, params.now)) === 0) throw err;
      return open();
    });
    return { started: true, id: row!.id };
  } catch (err) {
    if (pgErrorCode(err) !== '23505') throw err;
    const [running] = await db.select({ startedAt: syncRuns.startedAt }).from(syncRuns).where(eq(syncRuns.status, 'running'));
    await db.insert(syncRuns).values({
      startedAt: params.now,
      finishedAt: params.now,
      trigger: params.trigger,
      status: 'skipped',
      error: 'Another sync was running.',
    });
    return { started: false, runningSince: running?.startedAt ?? null };
  }
}

/** Closes runs left 'running' by a dead process (see STALE_RUN_MS); returns how many. */
async function closeStaleRuns(db: Db, now: Date): Promise<number> {
  const closed = await db
    .update(syncRuns)
    .set({ status: 'failed', finishedAt: now, error: ABANDONED })
    .where(
      and(
        eq(syncRuns.status, 'running'),
        or(lt(syncRuns.startedAt, new Date(now.getTime() - STALE_RUN_MS)), gt(syncRuns.startedAt, new Date(now.getTime() + STALE_RUN_MS))),
      ),
    )
    .returning({ id: syncRuns.id });
  return closed.length;
}

/**
 * Closes a run with its outcome and returns how many Tesla requests it made: the ledger rows since
 * it started (every attempt; auth calls and cache hits excluded), counted in the same statement.
 */
export async function finishRun(
  db: Db,
  id: string,
  result: {
    status: 'succeeded' | 'failed';
    now: Date;
    counts: Record<string, number>;
    requestsSince: Date;
    error?: string | null;
    /** What Tesla sent that could not be read, per path. */
    unreadable?: TeslaUnreadable;
  },
): Promise<number> {
  const since = result.requestsSince.toISOString(); // raw SQL parameter: postgres.js takes no Date there
  const [row] = await db
    .update(syncRuns)
    .set({
      status: result.status,
      finishedAt: result.now,
      counts: result.counts,
      teslaUnreadable: result.unreadable ?? { fields: {}, entries: {} },
      requests: sql`(select count(*)::int from api_requests where requested_at >= ${since}::timestamptz and category <> 'auth')`,
      error: result.error ?? null,
    })
    .where(eq(syncRuns.id, id))
    .returning({ requests: syncRuns.requests });
  return row?.requests ?? 0;
}

/** Latest runs, newest first. */
export async function listRuns(db: Db, limit = 20): Promise<SyncRun[]> {
  return db.select().from(syncRuns).orderBy(desc(syncRuns.startedAt)).limit(limit);
}

/**
 * What Tesla sent in a run that the app could not read, in words (sync status and Settings), or
 * null when everything was read: "3 values Tesla sent could not be read: vehicle_data.charge_state.charger_power (2×), …".
 */
export function describeUnreadable(t: TeslaUnreadable | null | undefined, most = 8): string | null {
  const part = (counts: Record<string, number>, one: string, many: string) => {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const total = entries.reduce((s, [, n]) => s + n, 0);
    if (total === 0) return null;
    const listed = entries.slice(0, most).map(([path, n]) => `${path} (${n}×)`);
    const more = entries.length > most ? `, and ${entries.length - most} more` : '';
    return `${total} ${total === 1 ? one : many}: ${listed.join(', ')}${more}.`;
  };
  const parts = [
    part(t?.fields ?? {}, 'value Tesla sent could not be read', 'values Tesla sent could not be read'),
    part(t?.entries ?? {}, 'entry Tesla sent was left out', 'entries Tesla sent were left out'),
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}
