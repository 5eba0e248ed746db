import 'server-only';
import type { Db } from '@/db/client';
import type { Simulator } from '@/lib/simulator';
import type { TeslaClient } from '@/lib/tesla';
import type { PollingPolicy } from './policy';
import { runSync } from './run-sync';
import type { SyncLimits, SyncSummary } from './types';
import { HOUR_MS } from '@/lib/time';

export type ReplayOptions = {
  db: Db;
  sim: Simulator;
  tesla: TeslaClient;
  /** Last tick (epoch ms); the first is the simulator's current time. */
  until: number;
  tickMs: number;
  policy?: PollingPolicy;
  limits?: Partial<SyncLimits>;
  /**
   * Skip ticks at which every simulated car is asleep or offline and was so at the previous run,
   * except one run per `quietRunMs` (default 1 h). Only for policies that never act on a car that is
   * not online (the product's, the 10-minute poller): at such a tick the engine would record "still
   * asleep" and nothing else, so skipping changes neither the car nor any derived record — it only
   * thins the state-check and live_status rows of quiet hours. Off for the naive baseline (it wakes).
   */
  skipQuiet?: boolean;
  quietRunMs?: number;
  /**
   * Also skip ticks at which no car's connectivity changed since the last run and the policy
   * reported (`counts.next_decision_in_s`) that none of its decisions can change yet: the engine
   * would sample nothing and derive nothing new. Decisions stay identical to running every tick.
   */
  followPolicy?: boolean;
  /**
   * The last this-many ms before `until` run at every tick with the plain limits, as a server that
   * has been running does (live readings every tick; a gap left by the skipped ticks before is then
   * an outage the engine fills from Tesla's history). Default 0.
   */
  denseTailMs?: number;
  onTick?: (summary: SyncSummary, at: number) => void;
};

/** Whether any simulated car is online right now (the scheduler's "anything happening?" signal). */
export function anyOnline(sim: Simulator): boolean {
  return sim.world.vehicles.some((v) => v.awake && v.reachable);
}

const connectivityOf = (sim: Simulator) =>
  sim.world.vehicles.map((v) => (!v.reachable ? 'offline' : v.awake ? 'online' : 'asleep')).join(',');

/**
 * Runs the sync engine at scheduler ticks while the simulator's virtual clock moves to `until`:
 * the demo seeding, the ground-truth tests and the benchmark all go through here and `runSync`.
 */
export async function replay(opts: ReplayOptions): Promise<{ runs: number; failedRuns: number; skipped: number }> {
  const quietMs = opts.quietRunMs ?? HOUR_MS;
  let runs = 0;
  let failedRuns = 0;
  let skipped = 0;
  let lastRun = -Infinity;
  let quietAtLastRun = false;
  let seenAtLastRun = '';
  let nextDecision = -Infinity;
  for (let t = opts.sim.now(); t <= opts.until; t += opts.tickMs) {
    opts.sim.advanceTo(t);
    const quiet = !anyOnline(opts.sim);
    const seen = connectivityOf(opts.sim);
    const unchanged = seen === seenAtLastRun && t - lastRun < quietMs;
    const tail = t > opts.until - (opts.denseTailMs ?? 0);
    if (!tail && ((opts.skipQuiet && quiet && quietAtLastRun && unchanged) || (opts.followPolicy && unchanged && t < nextDecision))) {
      skipped++;
      continue;
    }
    const thinned = (opts.skipQuiet || opts.followPolicy) && !tail;
    const limits = { ...(thinned ? { observationGapMs: quietMs + opts.tickMs } : {}), ...opts.limits };
    const summary = await runSync(
      { db: opts.db, tesla: opts.tesla, now: () => new Date(opts.sim.now()), policy: opts.policy, limits },
      { trigger: 'demo' },
    );
    runs++;
    lastRun = t;
    quietAtLastRun = quiet;
    seenAtLastRun = seen;
    const inS = summary.counts.next_decision_in_s;
    // A skipped run (another held the lock) decided nothing: the next tick runs again.
    nextDecision = summary.status === 'skipped' ? -Infinity : inS === undefined ? Infinity : opts.sim.now() + inS * 1000;
    if (summary.status === 'failed') failedRuns++;
    opts.onTick?.(summary, t);
  }
  return { runs, failedRuns, skipped };
}
