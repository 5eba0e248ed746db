import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import type { Db } from '@/db/client';
import { userConfig } from '@/db/schema';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { DEFAULT_CLIENT, createSimulator, createSimulatorFetch, type ScenarioName, type Simulator } from '@/lib/simulator';
import { createTeslaClient } from '@/lib/tesla';
import { seedDemo } from './demo';
import { runSync } from './run-sync';
import type { SyncDeps, SyncSummary } from './types';

/**
 * The process's sync wiring. `TESLA_MODE=live`: the Tesla client on the wall clock against the real
 * Fleet API. `simulator` (the default, the embedded demo): the in-process simulator. On the first
 * start the demo seeds DEMO_DAYS of history by running the engine over a virtual clock; afterwards
 * (and after a restart, from the same scenario, seed and start: the world is deterministic) the
 * simulator follows the wall clock and every tick runs the same engine.
 */
type Runtime = { deps: SyncDeps; sim?: Simulator };
type DemoState = { startMs: number; scenario: string; seed: number; seededAt: string };

const g = globalThis as typeof globalThis & { __tessieSync?: { runtime?: Promise<Runtime>; timer?: NodeJS.Timeout } };
const state = (g.__tessieSync ??= {});

async function readDemoState(db: Db): Promise<{ id: string; demo?: DemoState } | undefined> {
  const [row] = await db.select({ id: userConfig.id, settings: userConfig.settings }).from(userConfig).orderBy(asc(userConfig.createdAt)).limit(1);
  return row ? { id: row.id, demo: row.settings.demo as DemoState | undefined } : undefined;
}

async function writeDemoState(db: Db, demo: DemoState): Promise<void> {
  const row = await readDemoState(db);
  if (!row) return;
  const [current] = await db.select({ settings: userConfig.settings }).from(userConfig).where(eq(userConfig.id, row.id));
  await db.update(userConfig).set({ settings: { ...current?.settings, demo } }).where(eq(userConfig.id, row.id));
}

async function startDemo(db: Db): Promise<Runtime> {
  const e = env();
  const existing = (await readDemoState(db))?.demo;
  if (existing && existing.scenario === e.DEMO_SCENARIO && existing.seed === e.DEMO_SEED) {
    const sim = createSimulator({ scenario: e.DEMO_SCENARIO, seed: existing.seed, start: existing.startMs });
    sim.advanceTo(Date.now());
    const tesla = createTeslaClient({
      db,
      fetch: createSimulatorFetch(sim),
      clock: sim.clock,
      config: { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret },
    });
    await tesla.storeRefreshToken(sim.initialRefreshToken); // a new simulator process knows only its initial token
    log.info(`Demo resumed (${e.DEMO_SCENARIO}, seeded ${existing.seededAt})`);
    return { deps: { db, tesla, now: () => new Date(sim.now()) }, sim };
  }
  const seeded = await seedDemoHistory(db, { scenario: e.DEMO_SCENARIO, seed: e.DEMO_SEED, days: e.DEMO_DAYS, now: new Date() });
  const sim = seeded.sim;
  return { deps: { db, tesla: seeded.tesla, now: () => new Date(sim.now()) }, sim };
}

/**
 * Seeds `days` of demo history ending at `now` through the engine and records the demo's state,
 * so a server started on this database resumes the same world (also used by the e2e seed).
 */
export async function seedDemoHistory(db: Db, o: { scenario: DemoState['scenario']; seed: number; days: number; now: Date }) {
  log.info(`Seeding ${o.days} days of demo history (${o.scenario}) by running the sync against the simulator...`);
  const seeded = await seedDemo({ db, scenario: o.scenario as ScenarioName, seed: o.seed, days: o.days, now: o.now });
  log.info(`Demo history seeded: ${seeded.runs} sync runs in ${(seeded.elapsedMs / 1000).toFixed(1)} s (${seeded.failedRuns} failed)`);
  await writeDemoState(db, { startMs: o.now.getTime() - o.days * 86_400_000, scenario: o.scenario, seed: o.seed, seededAt: o.now.toISOString() });
  return seeded;
}

async function createRuntime(): Promise<Runtime> {
  const db = await getDb();
  if (env().TESLA_MODE === 'live') return { deps: { db, tesla: createTeslaClient({ db }), now: () => new Date() } };
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
  rt.sim?.advanceTo(Date.now());
  return { tesla: rt.deps.tesla, sim: rt.sim };
}

/** One sync run now (cron route, "sync now", scheduler tick). The demo simulator first catches up with the wall clock. */
export async function syncOnce(opts: { trigger: 'cron' | 'manual' | 'scheduler'; fresh?: boolean }): Promise<SyncSummary> {
  const rt = await runtime();
  rt.sim?.advanceTo(Date.now());
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
