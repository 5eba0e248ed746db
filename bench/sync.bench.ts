/**
 * Sync engine cost and accuracy. Run: npx tsx bench/sync.bench.ts  (or `npm run bench sync`).
 * Prints `name: value unit` lines. For each scenario, the product's polling policy and two
 * baselines run through the same engine (`replay` → `runSync`) on in-memory PGlite and the
 * simulator's virtual clock: billable requests and USD per vehicle-month, and capture accuracy
 * against ground truth. Goal: < 5 % of the naive poller's cost, < 30 % of the 10-minute poller's,
 * with equal or better accuracy. Then the demo seeding time (90 days, commuter).
 * BENCH_DAYS (default 7) sets the simulated span per run; BENCH_SEED_DAYS (default 90) the seeding;
 * BENCH_SCENARIOS (comma-separated) limits the scenarios.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// lib/sync and lib/tesla are server-only modules: re-run under the react-server condition.
if (!process.execArgv.some((a) => a.includes('react-server'))) {
  const res = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { LOG_LEVEL: 'error', ...process.env },
  });
  process.exit(res.status ?? 1);
}

const { asc } = await import('drizzle-orm');
const { createDb } = await import('@/db/client');
const { migrateDb } = await import('@/db/migrate');
const { chargingSessions, drives } = await import('@/db/schema');
const { parseEnv } = await import('@/lib/env');
const { DEFAULT_START } = await import('@/lib/simulator');
const { seedDemo } = await import('@/lib/sync/demo');
const { POLICIES } = await import('@/lib/sync/policy');

const DAY = 86_400_000;
const DAYS = Number(process.env.BENCH_DAYS ?? 7);
const SEED_DAYS = Number(process.env.BENCH_SEED_DAYS ?? 90);
const env = parseEnv({
  NODE_ENV: 'test',
  ENCRYPTION_KEY: '6d'.repeat(32),
  AUTH_SECRET: 's'.repeat(32),
  CRON_SECRET: 'c'.repeat(32),
  LOG_LEVEL: 'error',
});
// The baselines must be allowed to spend and wake, or they would be throttled, not measured.
const config = { monthlyBudgetUsd: 1e6, maxWakesPerDay: 10_000 };

async function measure(scenario: 'commuter' | 'two-cars' | 'solar-home', policyName: keyof typeof POLICIES) {
  const h = createDb({ pgliteDir: 'memory://' });
  await migrateDb(h);
  const end = DEFAULT_START + DAYS * DAY;
  const t0 = performance.now();
  const { sim } = await seedDemo({ db: h.db, scenario, days: DAYS, now: new Date(end), env, config, policy: POLICIES[policyName] });
  const seconds = (performance.now() - t0) / 1000;
  const gt = sim.groundTruth();
  // Events of the last half day may still be going on: both sides are compared before it.
  const cutoff = end - DAY / 2;
  const ds = (await h.db.select().from(drives).orderBy(asc(drives.startedAt))).filter(
    (d) => d.endedAt !== null && d.startedAt.getTime() < cutoff,
  );
  const cs = (await h.db.select().from(chargingSessions)).filter(
    (s) => s.endedAt !== null && s.startedAt.getTime() < cutoff && (s.energyAddedKwh ?? s.energyUsedKwh ?? 0) > 0.05,
  );
  await h.close();
  const trueDrives = gt.drives.filter((d) => d.end !== null && d.start < cutoff);
  const trueCharges = gt.charges.filter((c) => c.energyIntoBatteryKwh > 0.05 && (c.firstPowerAt ?? c.pluggedAt) < cutoff);
  const found = (n: number, of: number) => Math.min(n, of) / Math.max(1, of) - Math.max(0, n - of) / Math.max(1, of);
  const trueKwh = trueCharges.reduce((s, c) => s + c.energyIntoBatteryKwh, 0);
  const ourKwh = cs.reduce((s, c) => s + (c.energyAddedKwh ?? (c.energyUsedKwh ?? 0) * 0.9), 0);
  const trueKm = trueDrives.reduce((s, d) => s + d.distanceMiles * 1.609344, 0);
  const ourKm = ds.reduce((s, d) => s + (d.distanceKm ?? 0), 0);
  const t = sim.ledger.totals();
  const perVehicleMonth = 30 / DAYS / sim.scenario.vehicles.length;
  const prefix = `${scenario}_${policyName}`;
  const paid = t.byCategory.data.requests + t.byCategory.wake.requests + t.byCategory.charging.requests + t.byCategory.command.requests;
  console.log(`${prefix}_billable_requests: ${(t.billable * perVehicleMonth).toFixed(0)} requests/vehicle-month`);
  console.log(`${prefix}_paid_requests: ${(paid * perVehicleMonth).toFixed(0)} requests/vehicle-month`);
  console.log(`${prefix}_cost: ${(t.usd * perVehicleMonth).toFixed(3)} USD/vehicle-month`);
  console.log(`${prefix}_wakes: ${(t.byCategory.wake.requests * perVehicleMonth).toFixed(0)} wakes/vehicle-month`);
  console.log(`${prefix}_drives_found: ${(found(ds.length, trueDrives.length) * 100).toFixed(1)} % (${ds.length}/${trueDrives.length})`);
  console.log(`${prefix}_charges_found: ${(found(cs.length, trueCharges.length) * 100).toFixed(1)} % (${cs.length}/${trueCharges.length})`);
  console.log(`${prefix}_energy_error: ${((Math.abs(ourKwh - trueKwh) / Math.max(1e-9, trueKwh)) * 100).toFixed(2)} %`);
  console.log(`${prefix}_distance_error: ${((Math.abs(ourKm - trueKm) / Math.max(1e-9, trueKm)) * 100).toFixed(2)} %`);
  console.log(`${prefix}_sim_seconds: ${seconds.toFixed(1)} s`);
  return t.usd * perVehicleMonth;
}

const only = process.env.BENCH_SCENARIOS?.split(',');
for (const scenario of (['commuter', 'two-cars', 'solar-home'] as const).filter((s) => !only || only.includes(s))) {
  const smart = await measure(scenario, 'smart');
  const ten = await measure(scenario, 'ten_minute');
  const naive = await measure(scenario, 'naive');
  console.log(`${scenario}_smart_vs_naive: ${((smart / naive) * 100).toFixed(1)} % of cost`);
  console.log(`${scenario}_smart_vs_ten_minute: ${((smart / ten) * 100).toFixed(1)} % of cost`);
}

{
  const h = createDb({ pgliteDir: 'memory://' });
  await migrateDb(h);
  const t0 = performance.now();
  const r = await seedDemo({
    db: h.db,
    scenario: 'commuter',
    days: SEED_DAYS,
    now: new Date(DEFAULT_START + SEED_DAYS * DAY),
    env,
    config: { cacheTtlSeconds: 0 },
  }); // as lib/runtime.ts seeds
  console.log(
    `demo_seeding_${SEED_DAYS}d: ${((performance.now() - t0) / 1000).toFixed(1)} s (${r.runs} runs, ${r.skippedTicks} quiet ticks skipped)`,
  );
  await h.close();
}
