import 'server-only';
import { getDb } from '@/db';
import type { Db } from '@/db/client';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import type { ScenarioName, Simulator } from '@/lib/simulator';
import { createTeslaClient } from '@/lib/tesla';
import { prepareDemo } from './demo';
import { runSync } from './run-sync';
import type { SyncDeps, SyncSummary } from './types';
import { clock } from '@/lib/clock';

/**
 * The process's sync wiring. `TESLA_MODE=live`: the Tesla client on the wall clock against the real
 * Fleet API. `simulator` (the default, the embedded demo): the in-process simulator. On the first
 * start the demo seeds DEMO_DAYS of history by running the engine over a virtual clock; afterwards
 * (and after a restart, from the same scenario, seed and start: the world is deterministic) the
 * simulator follows the wall clock and every tick runs the same engine.
 */
type Runtime = { deps: SyncDeps; sim?: Simulator };

const g = globalThis as typeof globalThis & { __tessieSync?: { runtime?: Promise<Runtime>; timer?: NodeJS.Timeout } };
const state = (g.__tessieSync ??= {});

async function startDemo(db: Db): Promise<Runtime> {
  const e = env();
  const { sim, tesla } = await seedDemoHistory(db, { scenario: e.DEMO_SCENARIO, seed: e.DEMO_SEED, days: e.DEMO_DAYS, now: clock.now() });
  return { deps: { db, tesla, now: () => new Date(sim.now()) }, sim };
}

/**
 * The demo's history on start-up (also the e2e seed): seeds `days` ending at `now` through the
 * engine, continues a seeding that a killed process left half-way, or resumes a seeded world.
 */
export async function seedDemoHistory(db: Db, o: { scenario: ScenarioName; seed: number; days: number; now: Date }) {
  const demo = await prepareDemo(db, o);
  if (demo.outcome === 'ready') log.info(`Demo resumed (${o.scenario})`);
  else
    log.info(
      `Demo history ${demo.outcome === 'seeded' ? 'seeded' : 'seeding resumed and finished'}: ${o.days} days of ${o.scenario}, ${demo.runs} sync runs in ${(demo.elapsedMs / 1000).toFixed(1)} s`,
    );
  return demo;
}

async function createRuntime(): Promise<Runtime> {
  const db = await getDb();
  if (env().TESLA_MODE === 'live') return { deps: { db, tesla: createTeslaClient({ db }), now: () => clock.now() } };
  return startDemo(db);
}

function runtime(): Promise<Runtime> {
  state.runtime ??= createRuntime().catch((err) => {
    state.runtime = undefined;
    throw err;
  });
  return state.runtime;
}

/**
 * The Tesla client the sync uses (and, in the demo, its simulator caught up with the wall clock):
 * the OAuth callback, the paste-a-token route and the owner's wake act on the same connection.
 */
export async function teslaRuntime(): Promise<{ tesla: Runtime['deps']['tesla']; sim?: Simulator }> {
  const rt = await runtime();
  rt.sim?.advanceTo(clock.ms());
  return { tesla: rt.deps.tesla, sim: rt.sim };
}

/** One sync run now (cron route, "sync now", scheduler tick). The demo simulator first catches up with the wall clock. */
export async function syncOnce(opts: { trigger: 'cron' | 'manual' | 'scheduler'; fresh?: boolean }): Promise<SyncSummary> {
  const rt = await runtime();
  rt.sim?.advanceTo(clock.ms());
  return runSync(rt.deps, { trigger: opts.trigger, fresh: opts.fresh });
}

/**
 * Self-hosted scheduler (`npm start`; never on Vercel, where the cron route drives the sync): prepares
 * the runtime (seeding the demo on first start) in the background, then runs a sync every
 * SYNC_INTERVAL_SECONDS. Overlapping runs are harmless: the run lock makes the second one skip.
 */
export function startScheduler(): void {
  const seconds = env().SYNC_INTERVAL_SECONDS;
  if (seconds === 0 || env().VERCEL || state.timer) return;
  const tick = () =>
    syncOnce({ trigger: 'scheduler' }).then(
      (s) => s.status === 'failed' && log.warn(`Scheduled sync failed: ${s.error ?? 'unknown error'}`),
      (err) => log.error('Scheduled sync could not run', err),
    );
  state.timer = setInterval(tick, seconds * 1000);
  state.timer.unref();
  void tick();
}
