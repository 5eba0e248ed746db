import 'server-only';
import type { Db } from '@/db/client';
import { DEFAULT_CLIENT, createSimulator, createSimulatorFetch, scenarioByName, type Scenario, type ScenarioName, type Simulator } from '@/lib/simulator';
import { createTeslaClient, type TeslaClient, type TeslaConfig } from '@/lib/tesla';
import type { Env } from '@/lib/env';
import { seedDemoPlaces } from './demo-places';
import type { PollingPolicy } from './policy';
import { replay } from './replay';
import type { SyncSummary } from './types';

const DAY_MS = 86_400_000;
/** The scheduler's tick (the Vercel cron runs every 5 minutes too). */
export const DEMO_TICK_MS = 5 * 60_000;

export type SeedDemoOptions = {
  db: Db;
  scenario?: Scenario | ScenarioName;
  seed?: number;
  days?: number;
  now: Date;
  tickMs?: number;
  /** While every car sleeps the engine still runs this often (default 3 h: seeding speed; see `replay`). */
  quietRunMs?: number;
  policy?: PollingPolicy;
  /** Passed to the Tesla client (tests: parsed env; bench: budget and wake cap of the baselines). */
  env?: Env;
  config?: Partial<TeslaConfig>;
  /** Called after every tick (progress, benchmarks). */
  onTick?: (summary: SyncSummary, at: Date) => void;
};

export type SeededDemo = { sim: Simulator; tesla: TeslaClient; runs: number; failedRuns: number; skippedTicks: number; elapsedMs: number };

/**
 * Seeds the embedded demo: a simulator whose world starts `days` before `now` on a virtual clock,
 * connected like a real account (its refresh token stored), and THIS engine (`runSync`, trigger
 * 'demo') run tick by tick while the clock is advanced to `now`. Nothing is written around the
 * engine except the owner's settings (places and a home tariff). Ticks at which the engine would
 * learn nothing are skipped (`replay` with `followPolicy`; quiet hours run hourly). The returned simulator and client
 * keep working: advance the simulator to the wall clock and call `runSync` on each scheduler tick.
 */
export async function seedDemo(opts: SeedDemoOptions): Promise<SeededDemo> {
  const started = performance.now();
  const days = opts.days ?? 90;
  const tick = opts.tickMs ?? DEMO_TICK_MS;
  const start = opts.now.getTime() - days * DAY_MS;
  const scenario = typeof opts.scenario === 'object' ? opts.scenario : scenarioByName(opts.scenario ?? 'commuter');
  const sim = createSimulator({ scenario, seed: opts.seed ?? 1, start });
  const tesla = createTeslaClient({
    db: opts.db,
    fetch: createSimulatorFetch(sim),
    clock: sim.clock,
    env: opts.env,
    config: { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, ...opts.config },
  });
  await tesla.storeRefreshToken(sim.initialRefreshToken);
  await seedDemoPlaces(opts.db, scenario);
  const out = await replay({ db: opts.db, sim, tesla, until: opts.now.getTime(), tickMs: tick, policy: opts.policy, followPolicy: true, quietRunMs: opts.quietRunMs ?? 3 * 3_600_000, onTick: opts.onTick ? (s, at) => opts.onTick?.(s, new Date(at)) : undefined });
  return { sim, tesla, runs: out.runs, failedRuns: out.failedRuns, skippedTicks: out.skipped, elapsedMs: performance.now() - started };
}
