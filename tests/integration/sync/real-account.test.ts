import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '@/db/client';
import { ALL_SCOPES, DEFAULT_START, commuter, createSimulator, type ApiOptions, type Simulator } from '@/lib/simulator';
import { DEMO_TICK_MS, simulatorClient } from '@/lib/sync/demo';
import { seedDemoPlaces } from '@/lib/sync/demo-places';
import { replay } from '@/lib/sync/replay';
import type { SyncSummary } from '@/lib/sync/run-sync';
import { testDriver } from '../../setup/test-db';
import { DAY, finishedCharges, finishedDrives, testEnv } from './harness';
import { useEmptyDb } from '../../setup/seeded-db';

/**
 * The sync engine on a real account's two 403s (issue 13, known differences 2 and 5), through the
 * same replay as the demo seeding:
 * - an owner who did not share location: the sync keeps sampling (battery, odometer, charging,
 *   drives) without coordinates and never asks what Tesla would refuse;
 * - an app over its billing limit: after Tesla's first `account disabled: EXCEEDED_LIMIT` only one
 *   billable call per back-off goes out, and the free energy readings go on.
 */
let h: DbHandle;
useEmptyDb((handle) => (h = handle));

const MIN = 60_000;

async function sync(o: { days: number; grantedScopes?: string[]; api?: Partial<ApiOptions> }) {
  const sim: Simulator = createSimulator({
    scenario: 'commuter',
    seed: 1,
    start: DEFAULT_START,
    api: o.api,
    grantedScopes: o.grantedScopes,
  });
  const tesla = simulatorClient(h.db, sim, { env: testEnv() });
  await tesla.storeRefreshToken(sim.initialRefreshToken);
  await seedDemoPlaces(h.db, commuter);
  const runs: SyncSummary[] = [];
  await replay({
    db: h.db,
    sim,
    tesla,
    until: DEFAULT_START + o.days * DAY,
    tickMs: DEMO_TICK_MS,
    followPolicy: true,
    onTick: (s) => runs.push(s),
  });
  return { sim, runs };
}

describe(`sync on a real account's refusals, ${testDriver()}`, () => {
  it('without the vehicle_location scope: every drive and charge is still found, without coordinates, and nothing is refused', async () => {
    const days = 4;
    const { sim, runs } = await sync({ days, grantedScopes: ALL_SCOPES.filter((s) => s !== 'vehicle_location') });
    const data = sim.ledger.entries().filter((e) => e.endpoint === 'vehicle_data');
    expect(data.length).toBeGreaterThan(20);
    expect(data.filter((e) => e.status === 403)).toEqual([]);
    expect(runs.filter((r) => r.status === 'failed')).toEqual([]);
    const [states] = await queryRows<{ n: number; located: number; battery: number; odometer: number; charging: number }>(
      h.db,
      sql`select count(*)::int as n, count(latitude)::int as located, count(battery_level)::int as battery,
            count(odometer_km)::int as odometer, count(*) filter (where charging_state = 'Charging')::int as charging
          from vehicle_states`,
    );
    expect(states!.n).toBe(data.filter((e) => e.status === 200).length);
    expect(states).toMatchObject({ located: 0, battery: states!.n, odometer: states!.n });
    expect(states!.charging).toBeGreaterThan(0);
    const gt = sim.groundTruth();
    const end = DEFAULT_START + days * DAY - DAY / 2;
    const cutoff = new Date(end).toISOString();
    const [rows] = await queryRows<{
      drives: number;
      placed: number;
      charges: number;
      kwh: number;
      located: number;
      split: number;
      byWallConnector: number;
    }>(
      h.db,
      sql`select (select count(*)::int from drives where started_at < ${cutoff}::timestamptz) as drives,
            (select count(start_location_id)::int + count(end_location_id)::int + count(start_latitude)::int from drives) as placed,
            (select count(*)::int from charging_sessions where energy_added_kwh > 0 and started_at < ${cutoff}::timestamptz) as charges,
            (select coalesce(sum(energy_added_kwh), 0)::float from charging_sessions) as kwh,
            (select count(location_id)::int from charging_sessions) as located,
            (select count(solar_kwh)::int from charging_sessions) as split,
            (select count(*)::int from charging_sessions where source = 'wall_connector') as "byWallConnector"`,
    );
    expect(rows!.drives).toBe(finishedDrives(gt).filter((d) => d.start < end).length);
    expect(rows!.charges).toBe(finishedCharges(gt).filter((c) => c.pluggedAt < end).length);
    expect(rows!.kwh).toBeGreaterThan(0);
    // What it costs: no drive has a place; a charge is known to be at home (and gets a solar share)
    // only because the site's Wall Connector reported it, never by location.
    expect(rows!.placed).toBe(0);
    expect(rows!.located).toBeLessThanOrEqual(rows!.byWallConnector);
    expect(rows!.split).toBeLessThanOrEqual(rows!.byWallConnector);
  });

  it('over the billing limit: one billable call per back-off after the lock-out, free energy readings go on', async () => {
    const { sim, runs } = await sync({ days: 3, api: { billingLimitUsd: 0.01, billingLockScope: 'billable' } });
    const all = sim.ledger.entries();
    const first = all.find((e) => e.status === 403);
    expect(first).toBeDefined();
    const after = all.filter((e) => e.at >= first!.at && e.category !== 'auth');
    const refused = after.filter((e) => e.status === 403);
    const priced = after.filter((e) => e.usd > 0);
    expect(priced).toEqual(refused); // every priced call after the lock-out was a try, refused
    const gaps = refused.slice(1).map((e, i) => e.at - refused[i]!.at);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(15 * MIN);
    const hours = (DEFAULT_START + 3 * DAY - first!.at) / 3_600_000;
    expect(refused.length).toBeLessThanOrEqual(5 + hours / 2); // 15, 30, 60, 120 minutes, then every 2 hours
    expect(after.filter((e) => e.endpoint === 'live_status' && e.status === 200).length).toBeGreaterThan(10);
    const [live] = await queryRows<{ n: number }>(
      h.db,
      sql`select count(*)::int as n from energy_states where timestamp > ${new Date(first!.at).toISOString()}::timestamptz`,
    );
    expect(live!.n).toBeGreaterThan(10);
    expect(runs.filter((r) => r.status === 'failed')).toEqual([]);
    expect(runs.some((r) => (r.counts.billing_locked ?? 0) > 0)).toBe(true);
  });
});
