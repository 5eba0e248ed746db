import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '@/db/client';
import { TeslaBudgetExceededError, TeslaRateLimitedError, TeslaWakeLimitError } from '@/lib/tesla';
import { testDriver } from '../../setup/test-db';
import { HOUR, MIN, SITE, VIN, byEndpoint, connectedSim, expectWithinLimits, fleetCalls, secondProcessDb } from './harness';
import { useEmptyDb } from '../../setup/seeded-db';

let h: DbHandle;
useEmptyDb((handle) => (h = handle));

const NO_CACHE = { TESLA_CACHE_TTL_SECONDS: '0' };

describe(`lib/tesla limits on ${testDriver()}`, () => {
  it('keeps one client at 1 request/s and 10/min, on the virtual clock', async () => {
    const { sim, tesla } = await connectedSim(h, { env: NO_CACHE });
    const start = sim.now();
    await Promise.all(Array.from({ length: 25 }, () => tesla.getVehicle(VIN)));
    const calls = fleetCalls(sim);
    expect(calls).toHaveLength(25);
    expectWithinLimits(calls);
    expect(sim.now() - start).toBeGreaterThanOrEqual(2 * MIN); // 25 requests need two full windows
    const [ledger] = await queryRows<{ n: number }>(
      h.db,
      sql`select count(*)::int as n from api_requests where category = 'state' and status = 200`,
    );
    expect(ledger!.n).toBe(25);
  });

  it('holds the limit across two clients sharing one database (two processes)', async () => {
    const { sim, tesla, client } = await connectedSim(h, { env: NO_CACHE });
    const db2 = secondProcessDb(h);
    const other = client(NO_CACHE, {}, db2);
    await Promise.all([
      ...Array.from({ length: 12 }, () => tesla.getVehicle(VIN)),
      ...Array.from({ length: 12 }, () => other.getVehicles()),
    ]);
    await db2.close();
    const calls = fleetCalls(sim);
    expect(calls.filter((e) => e.endpoint === 'vehicle')).toHaveLength(12);
    expect(calls.filter((e) => e.endpoint === 'vehicles')).toHaveLength(12);
    expectWithinLimits(calls);
  });

  it('honours Retry-After: one 429, waits it out, retries once; other processes back off too', async () => {
    const { sim, tesla, client } = await connectedSim(h, {
      env: NO_CACHE,
      api: { rateLimits: { data: 1 } },
      config: { maxRetryAfterWaitMs: 2 * MIN },
    });
    await tesla.getVehicleData(VIN, ['charge_state']);
    expect((await tesla.getVehicleData(VIN, ['charge_state'])).source).toBe('live');
    const data = byEndpoint(sim, 'vehicle_data');
    expect(data.map((e) => e.status)).toEqual([200, 429, 200]);
    const retryAfterMs = Math.ceil((data[0]!.at + MIN - data[1]!.at) / 1000) * 1000; // what the simulator sent
    expect(data[2]!.at - data[1]!.at).toBeGreaterThanOrEqual(retryAfterMs);

    // A second 429 with a wait longer than this process may block: it fails fast, and the stored
    // back-off makes another process fail fast too, without sending anything.
    const impatient = { maxRetryAfterWaitMs: 10_000 };
    await expect(client(NO_CACHE, impatient).getVehicleData(VIN, ['charge_state'])).rejects.toBeInstanceOf(TeslaRateLimitedError);
    const sent = sim.ledger.entries().length;
    const [row] = await queryRows<{ until: Date | string }>(h.db, sql`select tesla_retry_after_until as until from user_config`);
    const until = new Date(row!.until).getTime();
    expect(until - sim.now()).toBeGreaterThan(10_000);
    await expect(client(NO_CACHE, impatient).getVehicle(VIN)).rejects.toBeInstanceOf(TeslaRateLimitedError);
    expect(sim.ledger.entries()).toHaveLength(sent); // nothing sent while backing off: no retry storm
    await tesla.getVehicle(VIN); // a patient process waits until the stored deadline
    const last = sim.ledger.entries().at(-1)!;
    expect(last.endpoint).toBe('vehicle');
    expect(last.at).toBeGreaterThanOrEqual(until);
    expect(byEndpoint(sim, 'vehicle_data').filter((e) => e.status === 429)).toHaveLength(2);
  });
});

describe(`lib/tesla cache and sleep on ${testDriver()}`, () => {
  it('serves a cache hit without any call; the key includes the endpoint set; TTL expiry refetches', async () => {
    const { sim, tesla } = await connectedSim(h);
    const first = await tesla.getVehicleData(VIN, ['charge_state', 'vehicle_state']);
    expect(first.source).toBe('live');
    const before = sim.ledger.entries().length;
    const second = await tesla.getVehicleData(VIN, ['vehicle_state', 'charge_state']);
    expect(second.source).toBe('cache');
    expect(second.snapshot?.odometerKm).toBe(first.snapshot?.odometerKm);
    expect(sim.ledger.entries()).toHaveLength(before); // the hit made no call at all
    await tesla.getVehicleData(VIN, ['charge_state']); // another endpoint set: its own entry
    expect(byEndpoint(sim, 'vehicle_data').map((e) => new URL(`https://x/?${e.path}`).search)).toHaveLength(2);
    sim.advanceBy(121_000);
    expect((await tesla.getVehicleData(VIN, ['charge_state', 'vehicle_state'])).source).toBe('live');
    expect(byEndpoint(sim, 'vehicle_data')).toHaveLength(3);
  });

  it('caches history of a closed period forever, and the current one only for the TTL', async () => {
    const { sim, tesla } = await connectedSim(h);
    sim.advanceBy(30 * HOUR);
    const closed = { start: '2026-01-05T00:00:00+01:00', end: '2026-01-05T23:59:59+01:00' };
    const day = await tesla.getSiteHistory(SITE, 'day', closed);
    expect(day.buckets.length).toBeGreaterThan(0);
    const open = { start: '2026-01-06T00:00:00+01:00', end: '2026-01-06T23:59:59+01:00' };
    await tesla.getSiteHistory(SITE, 'day', open);
    sim.advanceBy(2 * 24 * HOUR);
    await tesla.getSiteHistory(SITE, 'day', closed);
    await tesla.getSiteHistory(SITE, 'day', open);
    expect(byEndpoint(sim, 'calendar_history')).toHaveLength(3); // closed: 1 call; open then: 2
    const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from api_cache where expires_at is null`);
    expect(row!.n).toBe(2); // the second fetch of the formerly open day came after it closed
    sim.advanceBy(6 * HOUR);
    await tesla.getSiteHistory(SITE, 'day', open);
    expect(byEndpoint(sim, 'calendar_history')).toHaveLength(3);
  });

  it('never wakes an asleep car: state check only, stale snapshot returned', async () => {
    const { sim, tesla } = await connectedSim(h);
    const awake = await tesla.getVehicleData(VIN);
    expect(awake.status).toBe('online');
    sim.advanceBy(3 * HOUR);
    for (let i = 0; i < 5; i++) {
      const r = await tesla.getVehicleData(VIN);
      expect(r).toMatchObject({ status: 'asleep', source: 'stale-cache' });
      expect(r.snapshot?.odometerKm).toBe(awake.snapshot?.odometerKm);
      sim.advanceBy(10 * MIN);
    }
    expect(byEndpoint(sim, 'wake_up')).toHaveLength(0);
    expect(byEndpoint(sim, 'vehicle_data')).toHaveLength(1); // the one while online
    expect(byEndpoint(sim, 'vehicle').length).toBeGreaterThanOrEqual(5);
    expect(sim.groundTruth().wakes.filter((w) => w.cause === 'api')).toHaveLength(0);
    expect((await tesla.getVehicle(VIN)).state).toBe('asleep');
  });

  it('answers an asleep car that was never cached with a typed result, not a wake', async () => {
    const { sim, tesla } = await connectedSim(h);
    sim.advanceBy(3 * HOUR);
    expect(await tesla.getVehicleData(VIN)).toEqual({ status: 'asleep', source: 'none', fetchedAt: null, snapshot: null, raw: null });
    expect(fleetCalls(sim).map((e) => e.endpoint)).toEqual(['vehicle']);
  });

  it("skips its own state check when the caller's check just said online, and still never wakes", async () => {
    const { sim, tesla } = await connectedSim(h, { env: NO_CACHE });
    const online = await tesla.getVehicleData(VIN, undefined, { checkedOnline: true });
    expect(online).toMatchObject({ status: 'online', source: 'live' });
    expect(fleetCalls(sim).map((e) => e.endpoint)).toEqual(['vehicle_data']);
    // The car fell asleep after the caller's check: Tesla's 408 becomes `asleep`, with no wake.
    sim.advanceBy(3 * HOUR);
    expect(await tesla.getVehicleData(VIN, undefined, { checkedOnline: true })).toMatchObject({ status: 'asleep', snapshot: null });
    expect(fleetCalls(sim).map((e) => e.endpoint)).toEqual(['vehicle_data', 'vehicle_data']);
    expect(sim.groundTruth().wakes.filter((w) => w.cause === 'api')).toHaveLength(0);
  });
});

describe(`lib/tesla cost controls on ${testDriver()}`, () => {
  it('stops priced calls at the monthly budget, keeps free ones, and reports usage like the simulator bills', async () => {
    const { sim, tesla } = await connectedSim(h, { env: { ...NO_CACHE, TESLA_MONTHLY_BUDGET_USD: '0.004' } });
    await tesla.getVehicleData(VIN, ['charge_state']);
    await tesla.getVehicleData(VIN, ['charge_state']);
    await expect(tesla.getVehicleData(VIN, ['charge_state'])).rejects.toBeInstanceOf(TeslaBudgetExceededError);
    expect(byEndpoint(sim, 'vehicle_data')).toHaveLength(2);
    await expect(tesla.wakeVehicle(VIN)).rejects.toBeInstanceOf(TeslaBudgetExceededError);
    expect(byEndpoint(sim, 'wake_up')).toHaveLength(0);
    expect((await tesla.getVehicle(VIN)).state).toBe('online'); // free calls still go through
    expect((await tesla.getSiteLiveData(SITE)).timestamp).toBeInstanceOf(Date);
    expect((await tesla.getVehicleData(VIN, ['charge_state'], { essential: true })).status).toBe('online');
    expect(byEndpoint(sim, 'vehicle_data')).toHaveLength(3);
    const usage = await tesla.getUsage();
    expect(usage.costUsd).toBeCloseTo(sim.ledger.totals().usd, 6);
    expect(usage.costUsd).toBeCloseTo(0.006, 6);
    expect(usage.byCategory.data).toEqual({ requests: 3, billable: 3, costUsd: 0.006 });
    expect(usage.byCategory.energy.requests).toBe(1);
    expect(usage.byCategory.auth).toMatchObject({ requests: 1, billable: 0, costUsd: 0 });
    expect(usage).toMatchObject({ monthlyCreditUsd: 10, estimatedInvoiceUsd: 0, budgetUsd: 0.004, budgetRemainingUsd: 0 });
  });

  it('caps explicit wakes per vehicle per 24 h', async () => {
    const { sim, tesla } = await connectedSim(h);
    sim.advanceBy(3 * HOUR);
    await tesla.wakeVehicle(VIN);
    sim.advanceBy(2 * MIN);
    await tesla.wakeVehicle(VIN);
    await expect(tesla.wakeVehicle(VIN)).rejects.toBeInstanceOf(TeslaWakeLimitError);
    expect(byEndpoint(sim, 'wake_up')).toHaveLength(2);
    sim.advanceBy(24 * HOUR);
    await tesla.wakeVehicle(VIN);
    expect(byEndpoint(sim, 'wake_up')).toHaveLength(3);
    expect(sim.ledger.totals().byCategory.wake.usd).toBeCloseTo(0.06, 6);
  });
});
