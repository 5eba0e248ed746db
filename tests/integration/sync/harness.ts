import { asc } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';
import { chargingSessions, drives } from '@/db/schema';
import { parseEnv } from '@/lib/env';
import { DEFAULT_CLIENT, DEFAULT_START, createSimulator, type GroundTruthExport, type ScenarioName, type Simulator } from '@/lib/simulator';
import { seedDemo, type SeedDemoOptions } from '@/lib/sync/demo';

/**
 * The sync engine against simulator ground truth. Every scenario run goes through `seedDemo`,
 * i.e. `runSync` at scheduler ticks on the simulator's virtual clock (see lib/sync/replay.ts).
 * The full 30-day matrix runs on both drivers.
 */
export const DAY = 86_400_000;
export const KM_PER_MILE = 1.609344;
export const DAYS = 30;

export const testEnv = () =>
  parseEnv({
    NODE_ENV: 'test',
    ENCRYPTION_KEY: '6d'.repeat(32),
    AUTH_SECRET: 's'.repeat(32),
    CRON_SECRET: 'c'.repeat(32),
    TESLA_CLIENT_ID: DEFAULT_CLIENT.clientId,
    TESLA_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
    TESLA_MONTHLY_BUDGET_USD: '1000',
  });

export type Outcome = { sim: Simulator; gt: GroundTruthExport; end: number; drives: (typeof drives.$inferSelect)[]; sessions: (typeof chargingSessions.$inferSelect)[] };

export async function runScenario(h: DbHandle, scenario: ScenarioName, days: number, extra: Partial<SeedDemoOptions> = {}): Promise<Outcome> {
  const end = DEFAULT_START + days * DAY;
  const { sim } = await seedDemo({ db: h.db, scenario, days, now: new Date(end), env: testEnv(), ...extra });
  return {
    sim,
    gt: sim.groundTruth(),
    end,
    drives: await h.db.select().from(drives).orderBy(asc(drives.startedAt)),
    sessions: await h.db.select().from(chargingSessions).orderBy(asc(chargingSessions.startedAt)),
  };
}

/** Total asleep time per VIN in [from, to] of a simulator left alone (no sync at all). */
export function asleepWithoutSync(scenario: ScenarioName, from: number, to: number): Map<string, number> {
  const sim = createSimulator({ scenario, seed: 1, start: from });
  sim.advanceTo(to);
  return asleepMs(sim.groundTruth(), from, to);
}

export function asleepMs(gt: GroundTruthExport, from: number, to: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of gt.sleeps) {
    const ms = Math.max(0, Math.min(s.end ?? to, to) - Math.max(s.start, from));
    out.set(s.vin, (out.get(s.vin) ?? 0) + ms);
  }
  return out;
}

/** True charges that delivered energy (callers keep those that started at least half a day before the end). */
export const finishedCharges = (gt: GroundTruthExport) => gt.charges.filter((c) => c.energyIntoBatteryKwh > 0.05 && c.firstPowerAt !== null);
export const finishedDrives = (gt: GroundTruthExport) => gt.drives.filter((d) => d.end !== null);

/** The stored row whose span is nearest to a true event (by start time). */
export function nearest<T extends { startedAt: Date }>(rows: readonly T[], at: number): T | undefined {
  return [...rows].sort((a, b) => Math.abs(a.startedAt.getTime() - at) - Math.abs(b.startedAt.getTime() - at))[0];
}
