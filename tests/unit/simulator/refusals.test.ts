import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BILLING_LOCKOUT_ERROR, FleetErrorBodySchema, VehicleDataResponseSchema, isBillingLockout, missingScopesOf } from '@/lib/fleet-api';
import { ALL_SCOPES, createSimulator, createSimulatorFetch } from '@/lib/simulator';
import { DAY, MIN } from './helpers';

/**
 * The two 403s of a real account the simulator reproduces (issue 13, known differences 2 and 5):
 * `location_data` without the `vehicle_location` scope is refused whole, and an app over its
 * monthly billing limit is disabled (`account disabled: EXCEEDED_LIMIT`). Bodies are compared with
 * the real ones in tests/fixtures/real.
 */
const real = (file: string) =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../../fixtures/real', file), 'utf8')) as { status: number; body: unknown };

const NO_LOCATION = ALL_SCOPES.filter((s) => s !== 'vehicle_location');

async function client(o: Parameters<typeof createSimulator>[0]) {
  const sim = createSimulator(o);
  const fetch = createSimulatorFetch(sim);
  const get = async (p: string) => {
    const token = sim.issueTokens().access_token; // minted directly (not billed): never expired, however far the clock moves
    const res = await fetch(`${sim.baseUrl}${p}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  return { sim, get };
}

/** An hour of the commuter's Monday when its car is online (checked by the test). */
async function onlineMoment(sim: ReturnType<typeof createSimulator>, get: (p: string) => Promise<{ body: Record<string, unknown> }>) {
  const vin = sim.scenario.vehicles[0]!.vin;
  for (let i = 0; i < 48 * 12; i++) {
    const v = (await get(`/api/1/vehicles/${vin}`)).body.response as { state: string };
    if (v.state === 'online') return vin;
    sim.advanceBy(5 * MIN);
  }
  throw new Error('the car never came online');
}

describe('location scope (known difference 2)', () => {
  it('refuses vehicle_data with location_data whole when the token lacks vehicle_location, with the real body', async () => {
    const { sim, get } = await client({ scenario: 'commuter', grantedScopes: NO_LOCATION });
    const vin = await onlineMoment(sim, get);
    const refused = await get(`/api/1/vehicles/${vin}/vehicle_data?endpoints=charge_state%3Bdrive_state%3Blocation_data`);
    const fixture = real('vehicle-data-403-missing-vehicle-location-scope.json');
    expect(refused.status).toBe(fixture.status);
    const body = FleetErrorBodySchema.parse(refused.body);
    const want = FleetErrorBodySchema.parse(fixture.body);
    expect(body.error).toBe(want.error);
    expect(Object.keys(refused.body).sort()).toEqual(Object.keys(fixture.body as object).sort());
    expect(missingScopesOf(body.error)).toEqual(['vehicle_location']);
    // Without location_data the same token is answered: battery and odometer, no coordinates.
    const ok = VehicleDataResponseSchema.parse(
      (await get(`/api/1/vehicles/${vin}/vehicle_data?endpoints=charge_state%3Bdrive_state%3Bvehicle_state`)).body,
    );
    expect(ok.response.charge_state?.battery_level).toBeTypeOf('number');
    expect(ok.response.vehicle_state?.odometer).toBeTypeOf('number');
    expect(ok.response.drive_state?.latitude).toBeUndefined();
    // Both answers are billed (status < 500).
    expect(
      sim.ledger
        .entries()
        .filter((e) => e.endpoint === 'vehicle_data')
        .map((e) => [e.status, e.billable]),
    ).toEqual([
      [403, true],
      [200, true],
    ]);
  });

  it('can answer the old way (no coordinates) as an option, and gives coordinates with the scope', async () => {
    const omit = await client({ scenario: 'commuter', grantedScopes: NO_LOCATION, api: { locationDataWithoutScope: 'omit' } });
    const vin = await onlineMoment(omit.sim, omit.get);
    const body = VehicleDataResponseSchema.parse(
      (await omit.get(`/api/1/vehicles/${vin}/vehicle_data?endpoints=drive_state%3Blocation_data`)).body,
    );
    expect(body.response.drive_state?.latitude).toBeUndefined();
    const full = await client({ scenario: 'commuter' });
    await onlineMoment(full.sim, full.get);
    const located = VehicleDataResponseSchema.parse(
      (await full.get(`/api/1/vehicles/${vin}/vehicle_data?endpoints=drive_state%3Blocation_data`)).body,
    );
    expect(located.response.drive_state?.latitude).toBeTypeOf('number');
  });
});

describe('billing cap (known difference 5)', () => {
  it('answers 403 account disabled: EXCEEDED_LIMIT once the month reaches the limit, until it is raised or the month ends', async () => {
    const { sim, get } = await client({ scenario: 'commuter', api: { billingLimitUsd: 0.004 } });
    const vin = await onlineMoment(sim, get);
    const data = () => get(`/api/1/vehicles/${vin}/vehicle_data?endpoints=charge_state`);
    expect((await data()).status).toBe(200);
    expect((await data()).status).toBe(200); // $0.004: the limit is reached
    const refused = await data();
    const fixture = real('vehicle-data-403-exceeded-limit.json');
    expect(refused.status).toBe(fixture.status);
    expect(refused.body).toEqual(fixture.body);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(isBillingLockout(FleetErrorBodySchema.parse(refused.body).error)).toBe(true);
    // Every user call is refused, free ones too, as reported; the refusals are billed (status < 500).
    expect((await get('/api/1/vehicles')).body).toEqual({ error: BILLING_LOCKOUT_ERROR });
    expect(
      sim.ledger
        .entries()
        .slice(-2)
        .map((e) => [e.billable, e.usd]),
    ).toEqual([
      [true, 0.002],
      [true, 0],
    ]);
    // The owner raises the limit: answered again.
    sim.setBillingLimit(1);
    expect((await data()).status).toBe(200);
  });

  it('can lock only priced calls, and a new month starts from zero', async () => {
    const { sim, get } = await client({ scenario: 'commuter', api: { billingLimitUsd: 0.002, billingLockScope: 'billable' } });
    const vin = await onlineMoment(sim, get);
    expect((await get(`/api/1/vehicles/${vin}/vehicle_data`)).status).toBe(200);
    expect((await get(`/api/1/vehicles/${vin}/vehicle_data`)).status).toBe(403);
    expect((await get('/api/1/vehicles')).status).toBe(200); // free calls still answered
    const now = new Date(sim.now());
    sim.advanceTo(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) + DAY / 2);
    const back = await onlineMoment(sim, get);
    expect((await get(`/api/1/vehicles/${back}/vehicle_data`)).status).toBe(200);
  });
});
