import 'server-only';
import { getDb } from '@/db';
import type { Db } from '@/db/client';
import { clock } from '@/lib/clock';
import { env } from '@/lib/env';
import { countOf } from '@/lib/format';
import { log } from '@/lib/log';
import type { ScenarioName, Simulator } from '@/lib/simulator';
import { prepareDemo } from '@/lib/sync/demo';
import { runSync } from '@/lib/sync/run-sync';
import type { SyncDeps, SyncSummary } from '@/lib/sync/types';
import { createTeslaClient, resolveAuthorizeUrl, type TeslaClient } from '@/lib/tesla';

/**
 * The process's runtime, built once for everyone (the sync's scheduler and cron route, the Tesla
 * connection routes, the owner's wake): the database handle, the Tesla client and, in the demo,
 * the simulator. `TESLA_MODE=live`: the Tesla client on the wall clock against the real Fleet API.
 * `simulator` (the default, the embedded demo): the in-process simulator. On the first start the
 * demo seeds DEMO_DAYS of history by running the engine over a virtual clock; afterwards (and after
 * a restart, from the same scenario, seed and start: the world is deterministic) the simulator
 * follows the wall clock and every tick runs the same engine.
 *
 * It also starts the syncs (cron route, "sync now", the self-hosted scheduler). Dependencies point
 * one way: lib/runtime → lib/sync, lib/tesla, lib/simulator, db; none of those imports this file.
 */
export type Runtime = { deps: SyncDeps; sim?: Simulator };

const g = globalThis as typeof globalThis & { __tessieRuntime?: Promise<Runtime>; __tessieScheduler?: NodeJS.Timeout };

/**
 * The demo's history on start-up (also the e2e seed and the API snapshot): seeds `days` ending at
 * `now` through the engine, continues a seeding that a killed process left half-way, or resumes a
 * seeded world.
 */
export async function seedDemoHistory(db: Db, o: { scenario: ScenarioName; seed: number; days: number; now: Date }) {
  const demo = await prepareDemo(db, o);
  if (demo.outcome === 'ready') log.info(`Demo resumed (${o.scenario})`);
  else
    log.info(
      `Demo history ${demo.outcome === 'seeded' ? 'seeded' : 'seeding resumed and finished'}: ${countOf(o.days, 'day')} of ${o.scenario}, ${countOf(demo.runs, 'sync run')} in ${(demo.elapsedMs / 1000).toFixed(1)} s`,
    );
  return demo;
}

async function createRuntime(): Promise<Runtime> {
  const db = await getDb();
  const e = env();
  if (e.TESLA_MODE === 'live') return { deps: { db, tesla: createTeslaClient({ db }), now: () => clock.now() } };
  const { sim, tesla } = await seedDemoHistory(db, { scenario: e.DEMO_SCENARIO, seed: e.DEMO_SEED, days: e.DEMO_DAYS, now: clock.now() });
  return { deps: { db, tesla, now: () => new Date(sim.now()) }, sim };
}

/** The runtime, built on first use (a failed build is retried by the next caller); the demo simulator caught up with the wall clock. */
export async function runtime(): Promise<Runtime> {
  g.__tessieRuntime ??= createRuntime().catch((err) => {
    g.__tessieRuntime = undefined;
    throw err;
  });
  const rt = await g.__tessieRuntime;
  rt.sim?.advanceTo(clock.ms());
  return rt;
}

/**
 * The app's Tesla connection as the routes see it: the same client the sync uses, the OAuth client
 * id, and where the browser signs in. In the embedded demo (TESLA_MODE=simulator) the simulator
 * stands in for auth.tesla.com: its authorize page is served by the app at
 * /api/tesla/simulator/authorize and consents at once, as an owner would.
 */
export type AppTesla = {
  mode: 'live' | 'simulator';
  tesla: TeslaClient;
  clientId?: string;
  /** The authorize page the connect route sends the browser to. */
  authorizeUrl(origin: string): string;
  /** Demo only: the simulator answering its authorize page. */
  simulator?: { handle(req: Request): Promise<Response> };
};

type Factory = () => Promise<AppTesla>;
let override: Factory | undefined;

/** Tests: use this connection instead of the process runtime (undefined restores it). */
export function setAppTeslaForTests(factory: Factory | undefined): void {
  override = factory;
}

export async function appTesla(): Promise<AppTesla> {
  if (override) return override();
  const e = env();
  const { deps, sim } = await runtime();
  if (e.TESLA_MODE === 'live' || !sim) {
    return {
      mode: 'live',
      tesla: deps.tesla,
      clientId: e.TESLA_CLIENT_ID,
      authorizeUrl: () => resolveAuthorizeUrl(e.TESLA_AUTHORIZE_URL, e.TESLA_REGION),
    };
  }
  return {
    mode: 'simulator',
    tesla: deps.tesla,
    clientId: sim.client.clientId,
    authorizeUrl: (origin) => `${origin}/api/tesla/simulator/authorize`,
    simulator: sim,
  };
}

/** One sync run now (cron route, "sync now", scheduler tick). The demo simulator first catches up with the wall clock. */
export async function syncOnce(opts: { trigger: 'cron' | 'manual' | 'scheduler'; fresh?: boolean }): Promise<SyncSummary> {
  const rt = await runtime();
  return runSync(rt.deps, { trigger: opts.trigger, fresh: opts.fresh });
}

/**
 * Self-hosted scheduler (`npm start`; never on Vercel, where the cron route drives the sync): prepares
 * the runtime (seeding the demo on first start) in the background, then runs a sync every
 * SYNC_INTERVAL_SECONDS. Overlapping runs are harmless: the run lock makes the second one skip.
 */
export function startScheduler(): void {
  const seconds = env().SYNC_INTERVAL_SECONDS;
  if (seconds === 0 || env().VERCEL || g.__tessieScheduler) return;
  const tick = () =>
    syncOnce({ trigger: 'scheduler' }).then(
      (s) => s.status === 'failed' && log.warn(`Scheduled sync failed: ${s.error ?? 'unknown error'}`),
      (err) => log.error('Scheduled sync could not run', err),
    );
  g.__tessieScheduler = setInterval(tick, seconds * 1000);
  g.__tessieScheduler.unref();
  void tick();
}
