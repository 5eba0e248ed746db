import { asc, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows, type Db, type DbHandle } from '@/db/client';
import { chargingSessions, drives } from '@/db/schema';
import { parseEnv } from '@/lib/env';
import {
  DEFAULT_CLIENT,
  DEFAULT_START,
  REAL_WORLD_API_OPTIONS,
  createSimulator,
  type GroundTruthExport,
  type ScenarioName,
  type Simulator,
} from '@/lib/simulator';
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

export type Outcome = {
  sim: Simulator;
  gt: GroundTruthExport;
  end: number;
  drives: (typeof drives.$inferSelect)[];
  sessions: (typeof chargingSessions.$inferSelect)[];
};

export async function runScenario(
  h: DbHandle,
  scenario: ScenarioName,
  days: number,
  extra: Partial<SeedDemoOptions> = {},
): Promise<Outcome> {
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
  const sim = createSimulator({ scenario, seed: 1, start: from, api: REAL_WORLD_API_OPTIONS });
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
export const finishedCharges = (gt: GroundTruthExport) =>
  gt.charges.filter((c) => c.energyIntoBatteryKwh > 0.05 && c.firstPowerAt !== null);
export const finishedDrives = (gt: GroundTruthExport) => gt.drives.filter((d) => d.end !== null);

/** The stored row whose span is nearest to a true event (by start time). */
export function nearest<T extends { startedAt: Date }>(rows: readonly T[], at: number): T | undefined {
  return [...rows].sort((a, b) => Math.abs(a.startedAt.getTime() - at) - Math.abs(b.startedAt.getTime() - at))[0];
}

/** Drives and sessions as comparable values (ids and write times left out). */
export async function derived(db: Db) {
  const d = await db.select().from(drives).orderBy(asc(drives.startedAt));
  const s = await db.select().from(chargingSessions).orderBy(asc(chargingSessions.startedAt));
  return {
    drives: d.map((x) => [x.startedAt.toISOString(), x.endedAt?.toISOString(), x.distanceKm, x.inferred]),
    sessions: s.map((x) => [
      x.sessionKey.replace(/^[0-9a-f-]{36}:/, 'v:'),
      x.source,
      x.endedAt?.toISOString(),
      x.energyAddedKwh,
      x.energyUsedKwh,
      x.cost,
      x.solarKwh,
      x.gridKwh,
    ]),
  };
}

/**
 * `db` holds the records of an undisturbed sync (`want`): the same drives and sessions, values
 * within what re-scheduled runs sampling seconds apart can change; no duplicate; no half-written
 * session (every closed one carries its energy, place and cost).
 */
export async function expectSameRecords(
  db: Db,
  want: Awaited<ReturnType<typeof derived>>,
  o: { kwhTolerance?: (wantKwh: number) => number; startToleranceMs?: number } = {},
) {
  const kwhTolerance = o.kwhTolerance ?? (() => 0.02);
  expect(want.sessions.length).toBeGreaterThan(2);
  expect(want.drives.length).toBeGreaterThan(4);
  const got = await derived(db);
  expect(got.drives.length).toBe(want.drives.length);
  if (!o.startToleranceMs) expect(got.sessions.map((x) => x[0])).toEqual(want.sessions.map((x) => x[0]));
  else {
    // A session's key is its first sample's time: a world that was sampled at other seconds keys it a little differently.
    const at = (x: (typeof got.sessions)[number]) => Date.parse(String(x[0]).slice(2));
    expect(got.sessions.length).toBe(want.sessions.length);
    got.sessions.forEach((x, i) =>
      expect(Math.abs(at(x) - at(want.sessions[i]!)), `session ${String(x[0])}`).toBeLessThanOrEqual(o.startToleranceMs!),
    );
  }
  got.drives.forEach((d, i) => {
    const w = want.drives[i]!;
    expect(Math.abs(Date.parse(d[0] as string) - Date.parse(w[0] as string))).toBeLessThan(5 * 60_000);
    expect(Math.abs((d[2] as number) - (w[2] as number))).toBeLessThanOrEqual(0.2);
  });
  got.sessions.forEach((x, i) => {
    const w = want.sessions[i]!;
    expect(x[1]).toBe(w[1]);
    const wantKwh = (w[3] as number | null) ?? 0;
    expect(Math.abs(((x[3] as number | null) ?? 0) - wantKwh)).toBeLessThanOrEqual(kwhTolerance(wantKwh));
  });
  const [half] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from charging_sessions where ended_at is not null and (energy_added_kwh is null and energy_used_kwh is null or location_id is null or cost is null)`,
  );
  expect(half!.n).toBe(0);
  const [dupes] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select vehicle_id, started_at from charging_sessions group by 1, 2 having count(*) > 1) d`,
  );
  expect(dupes!.n).toBe(0);
  const [driveDupes] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select vehicle_id, started_at from drives group by 1, 2 having count(*) > 1) d`,
  );
  expect(driveDupes!.n).toBe(0);
}
