import 'server-only';
import { and, eq, lte, max } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { getOwnerFields, mergeOwnerSettings } from '@/db/queries/owner';
import { syncRuns, userConfig } from '@/db/schema';
import {
  DEFAULT_CLIENT,
  REAL_WORLD_API_OPTIONS,
  createSimulator,
  createSimulatorFetch,
  scenarioByName,
  type ApiOptions,
  type Scenario,
  type ScenarioName,
  type Simulator,
} from '@/lib/simulator';
import { createTeslaClient, type TeslaClient, type TeslaConfig } from '@/lib/tesla';
import type { Env } from '@/lib/env';
import { seedDemoPlaces } from './demo-places';
import type { PollingPolicy } from './policy';
import { replay } from './replay';
import { ABANDONED } from './runs';
import type { SyncSummary } from './types';
import { DAY_MS, HOUR_MS } from '@/lib/time';

/** The scheduler's tick (the Vercel cron runs every 5 minutes too). */
export const DEMO_TICK_MS = 5 * 60_000;

/** The demo's Tesla answers carry the quirks of real ones (lib/simulator/real-world.ts). */
export const DEMO_API_OPTIONS: Partial<ApiOptions> = REAL_WORLD_API_OPTIONS;

export type SeedDemoOptions = {
  db: Db;
  /** Simulator behaviour (default DEMO_API_OPTIONS: the real-world profile). */
  api?: Partial<ApiOptions>;
  scenario?: Scenario | ScenarioName;
  seed?: number;
  days?: number;
  now: Date;
  tickMs?: number;
  /**
   * While no car's connectivity changes the engine still runs this often (default 12 h; see
   * `replay`). Such a run records "still asleep" and a live_status snapshot; past days' power charts
   * come from the Powerwall's 5-minute history, so the seeding does not need more of them.
   */
  quietRunMs?: number;
  policy?: PollingPolicy;
  /** Passed to the Tesla client (tests: parsed env; bench: budget and wake cap of the baselines). */
  env?: Env;
  config?: Partial<TeslaConfig>;
  /** The simulated world's start (default `now - days`). */
  startMs?: number;
  /** Continue a seeding that died: the world is advanced to this instant before the engine runs again. */
  resumeAt?: number;
  /**
   * The last this-many ms run at every tick (default 1 h), so the demo opens as a server that has
   * been running does: live readings up to now, today's history read once for the gap before.
   */
  denseTailMs?: number;
  /** Called after every tick (progress, benchmarks). */
  onTick?: (summary: SyncSummary, at: Date) => void;
};

export type SeededDemo = { sim: Simulator; tesla: TeslaClient; runs: number; failedRuns: number; skippedTicks: number; elapsedMs: number };

/**
 * Seeds the embedded demo: a simulator whose world starts `days` before `now` on a virtual clock,
 * connected like a real account (its refresh token stored), and THIS engine (`runSync`, trigger
 * 'demo') run tick by tick while the clock is advanced to `now`. Nothing is written around the
 * engine except the owner's settings (places and a home tariff). Ticks at which the engine would
 * learn nothing are skipped (`replay` with `followPolicy`; quiet stretches run every 12 h). The returned simulator and client
 * keep working: advance the simulator to the wall clock and call `runSync` on each scheduler tick.
 */
export async function seedDemo(opts: SeedDemoOptions): Promise<SeededDemo> {
  const started = performance.now();
  const days = opts.days ?? 90;
  const tick = opts.tickMs ?? DEMO_TICK_MS;
  const start = opts.startMs ?? opts.now.getTime() - days * DAY_MS;
  const scenario = typeof opts.scenario === 'object' ? opts.scenario : scenarioByName(opts.scenario ?? 'commuter');
  const sim = createSimulator({ scenario, seed: opts.seed ?? 1, start, api: opts.api ?? DEMO_API_OPTIONS });
  if (opts.resumeAt !== undefined) sim.advanceTo(Math.ceil((opts.resumeAt - start) / tick) * tick + start);
  const tesla = simulatorClient(opts.db, sim, { env: opts.env, config: opts.config });
  await tesla.storeRefreshToken(opts.resumeAt === undefined ? sim.initialRefreshToken : connectNow(sim));
  await seedDemoPlaces(opts.db, scenario);
  const out = await replay({
    db: opts.db,
    sim,
    tesla,
    until: opts.now.getTime(),
    tickMs: tick,
    policy: opts.policy,
    followPolicy: true,
    quietRunMs: opts.quietRunMs ?? 12 * HOUR_MS,
    denseTailMs: opts.denseTailMs ?? HOUR_MS,
    onTick: opts.onTick ? (s, at) => opts.onTick?.(s, new Date(at)) : undefined,
  });
  return { sim, tesla, runs: out.runs, failedRuns: out.failedRuns, skippedTicks: out.skipped, elapsedMs: performance.now() - started };
}

/** A Tesla client connected to the in-process simulator, on its clock, as the simulator's own OAuth client. */
export function simulatorClient(db: Db, sim: Simulator, o: { env?: Env; config?: Partial<TeslaConfig> } = {}): TeslaClient {
  return createTeslaClient({
    db,
    fetch: createSimulatorFetch(sim),
    clock: sim.clock,
    env: o.env,
    config: { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, ...o.config },
  });
}

/**
 * A rebuilt simulator knows none of the tokens the dead one rotated to, and its initial refresh
 * token was issued at the world's start: after Tesla's 90-day refresh-token lifetime (the default
 * demo is exactly 90 days old) it is expired. The restarted demo connects with a token issued now.
 */
function connectNow(sim: Simulator): string {
  const { refresh_token: token } = sim.issueTokens();
  if (!token) throw new Error('The simulator issued no refresh token.');
  return token;
}

/** What the demo records about itself in `user_config.settings.demo`. `seededAt` null: seeding in progress (or died). */
export type DemoState = { startMs: number; scenario: string; seed: number; seededAt: string | null };

export async function readDemoState(db: Db): Promise<DemoState | undefined> {
  const row = await getOwnerFields(db, { settings: userConfig.settings });
  return row?.settings.demo as DemoState | undefined;
}

/**
 * Where the demo stands, for the banner on every page: `null` without a demo (a real account, or
 * before the first seeding began); while seeding, the share of its days done so far (0–99, from the
 * newest sync run on the world's clock) and the moment the stored history has reached.
 */
export type DemoStatus =
  { scenario: string; seeding: false } | { scenario: string; seeding: true; percent: number; historyUntil: Date | null };

export async function demoStatus(db: Db, now: Date): Promise<DemoStatus | null> {
  const state = await readDemoState(db);
  if (!state) return null;
  if (state.seededAt) return { scenario: state.scenario, seeding: false };
  const [last] = await db.select({ at: max(syncRuns.startedAt) }).from(syncRuns);
  const done = last?.at ? last.at.getTime() - state.startMs : 0;
  const span = Math.max(1, now.getTime() - state.startMs);
  const percent = Math.min(99, Math.max(0, Math.floor((done / span) * 100)));
  return { scenario: state.scenario, seeding: true, percent, historyUntil: last?.at ?? null };
}

async function writeDemoState(db: Db, demo: DemoState): Promise<void> {
  await mergeOwnerSettings(db, { demo });
}

export type PreparedDemo = { sim: Simulator; tesla: TeslaClient; outcome: 'seeded' | 'resumed' | 'ready'; runs: number; elapsedMs: number };

/**
 * The embedded demo on start-up, crash-safe:
 * - seeded before (same scenario and seed): the same world is rebuilt from its recorded start and
 *   moved to `now` (the engine then follows the wall clock);
 * - a seeding that died half-way (state recorded, `seededAt` null): the world is rebuilt and moved
 *   to the last run the dead process started, and the engine continues from there — time only
 *   moves forward, as after any restart; nothing is seeded twice;
 * - otherwise: `days` of history are seeded through the engine, the state recorded first.
 * The api_cache is off while seeding: entries written on the virtual clock would all have expired
 * by the time anyone reads them (ticks 5 min apart, TTL 2 min), and skipping them saves two queries
 * per Tesla call; the sync never reads stale entries.
 */
export async function prepareDemo(
  db: Db,
  o: { scenario: ScenarioName; seed: number; days: number; now: Date; onTick?: SeedDemoOptions['onTick'] },
): Promise<PreparedDemo> {
  const started = performance.now();
  const existing = await readDemoState(db);
  const same = existing !== undefined && existing.scenario === o.scenario && existing.seed === o.seed;
  if (same && existing.seededAt) {
    const sim = createSimulator({ scenario: o.scenario, seed: o.seed, start: existing.startMs, api: DEMO_API_OPTIONS });
    sim.advanceTo(o.now.getTime());
    const tesla = simulatorClient(db, sim);
    await tesla.storeRefreshToken(connectNow(sim));
    return { sim, tesla, outcome: 'ready', runs: 0, elapsedMs: performance.now() - started };
  }
  const startMs = same ? existing.startMs : o.now.getTime() - o.days * DAY_MS;
  const [last] = same ? await db.select({ at: max(syncRuns.startedAt) }).from(syncRuns) : [];
  if (!same) await writeDemoState(db, { startMs, scenario: o.scenario, seed: o.seed, seededAt: null });
  else if (last?.at) {
    // Runs the dead seeding left 'running' are on its virtual clock, behind which we resume: closed now.
    await db
      .update(syncRuns)
      .set({ status: 'failed', finishedAt: last.at, error: ABANDONED })
      .where(and(eq(syncRuns.status, 'running'), lte(syncRuns.startedAt, last.at)));
  }
  const seeded = await seedDemo({
    db,
    scenario: o.scenario,
    seed: o.seed,
    days: o.days,
    now: o.now,
    startMs,
    resumeAt: last?.at ? Math.min(last.at.getTime(), o.now.getTime()) : undefined,
    config: { cacheTtlSeconds: 0 },
    onTick: o.onTick,
  });
  await writeDemoState(db, { startMs, scenario: o.scenario, seed: o.seed, seededAt: o.now.toISOString() });
  // The seeding client ran with the cache off; from now on route handlers read the cache too.
  return {
    sim: seeded.sim,
    tesla: simulatorClient(db, seeded.sim),
    outcome: same ? 'resumed' : 'seeded',
    runs: seeded.runs,
    elapsedMs: performance.now() - started,
  };
}
