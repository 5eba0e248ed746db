import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as driveDriver from '@/app/api/drives/[id]/driver/route';
import * as driverStats from '@/app/api/drivers/[id]/stats/route';
import * as driver from '@/app/api/drivers/[id]/route';
import * as drivers from '@/app/api/drivers/route';
import * as settings from '@/app/api/settings/route';
import * as usage from '@/app/api/usage/route';
import type { DbHandle } from '@/db/client';
import { drives } from '@/db/schema';
import { env } from '@/lib/env';
import { updatePreferences } from '@/lib/settings/preferences';
import { TeslaBudgetExceededError } from '@/lib/tesla';
import { reserveSlot } from '@/lib/tesla/limiter';
import { teslaConfigFromEnv } from '@/lib/tesla/config';
import { testDriver } from '../../setup/test-db';
import { useSeededDb, type Call, type Seeded } from '../../setup/seeded-db';
import { clock } from '@/lib/clock';

let h: DbHandle;
let data: Seeded;
let call: Call;
useSeededDb((s) => ({ h, data, call } = s));

const none = '00000000-0000-4000-8000-000000000000';
async function assignment(id: string) {
  const [row] = await h.db.select({ driverId: drives.driverId, by: drives.driverAssignment }).from(drives).where(eq(drives.id, id));
  return row;
}

// Seeded drives (Europe/Berlin, the site's zone): d1 Red Wed 2026-03-11 09:00 local from Home (Alice, rule),
// d2 Red Wed 18:00 local (Bob, by hand), d3 Blue Fri 2026-03-13 11:00 local (Alice, rule).
describe(`driver assignment on ${testDriver()}`, () => {
  it('a new driver with rules takes the matching drives, in one go, leaving hand assignments alone', async () => {
    const created = await call(drivers.POST, '/api/drivers', {
      method: 'POST',
      body: {
        name: 'Carol',
        priority: 0,
        rules: [{ vehicleId: data.vehicles.red.id, days: [3], from: '17:00', to: '19:00' }, { startLocationId: data.locations.home.id }],
      },
    });
    expect(created.status).toBe(201);
    // Alice (older, same priority) still wins d1 (her Wednesday rule comes first); d2 is Bob's by hand.
    expect(created.body.reassigned).toBe(0);
    expect(await assignment(data.drives.d1.id)).toEqual({ driverId: data.drivers.alice.id, by: 'rule' });
    expect(await assignment(data.drives.d2.id)).toEqual({ driverId: data.drivers.bob.id, by: 'manual' });

    // Carol first in priority: d1 (starts at Home) becomes hers; d2 stays Bob's even though Carol's window matches it.
    const carol = created.body.driver.id;
    await call(driver.PUT, '/x', { method: 'PUT', params: { id: data.drivers.alice.id }, body: { priority: 5 } });
    expect(await assignment(data.drives.d1.id)).toEqual({ driverId: carol, by: 'rule' });
    expect(await assignment(data.drives.d2.id)).toEqual({ driverId: data.drivers.bob.id, by: 'manual' });
    expect(await assignment(data.drives.d3.id)).toEqual({ driverId: data.drivers.alice.id, by: 'rule' });

    // Carol's rules narrowed to nothing that matches: d1 falls back to Alice.
    const narrowed = await call(driver.PUT, '/x', { method: 'PUT', params: { id: carol }, body: { rules: [{ days: [0] }] } });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.reassigned).toBe(1);
    expect(await assignment(data.drives.d1.id)).toEqual({ driverId: data.drivers.alice.id, by: 'rule' });

    // Deleting Carol re-assigns nothing else, and her id is gone.
    expect((await call(driver.DELETE, '/x', { method: 'DELETE', params: { id: carol } })).status).toBe(204);
    expect((await call(driver.GET, '/x', { params: { id: carol } })).status).toBe(404);
    expect((await call(driver.DELETE, '/x', { method: 'DELETE', params: { id: carol } })).status).toBe(404);
  });

  it('assigns a drive by hand, which rules never overwrite, and hands it back to the rules', async () => {
    const put = (id: string, body: unknown) => call(driveDriver.PUT, '/x', { method: 'PUT', params: { id }, body });
    const byHand = await put(data.drives.d3.id, { driverId: data.drivers.bob.id });
    expect(byHand.status).toBe(200);
    expect(byHand.body.drive).toMatchObject({
      id: data.drives.d3.id,
      driver: { id: data.drivers.bob.id, name: 'Bob', assignment: 'manual' },
    });
    expect(await assignment(data.drives.d3.id)).toEqual({ driverId: data.drivers.bob.id, by: 'manual' });

    // A rule change re-assigns everything else, never d3.
    await call(driver.PUT, '/x', {
      method: 'PUT',
      params: { id: data.drivers.alice.id },
      body: { rules: [{ days: [0, 1, 2, 3, 4, 5, 6] }], priority: 0 },
    });
    expect(await assignment(data.drives.d3.id)).toEqual({ driverId: data.drivers.bob.id, by: 'manual' });
    expect(await assignment(data.drives.d1.id)).toEqual({ driverId: data.drivers.alice.id, by: 'rule' });

    // "Nobody drove it" is a hand assignment too.
    await put(data.drives.d3.id, { driverId: null });
    expect(await assignment(data.drives.d3.id)).toEqual({ driverId: null, by: 'manual' });

    const back = await put(data.drives.d3.id, { assignment: 'rules' });
    expect(back.status).toBe(200);
    expect(await assignment(data.drives.d3.id)).toEqual({ driverId: data.drivers.alice.id, by: 'rule' });

    expect((await put(none, { driverId: data.drivers.bob.id })).status).toBe(404);
    const unknownDriver = await put(data.drives.d3.id, { driverId: none });
    expect(unknownDriver.status).toBe(422);
    expect(unknownDriver.body.error.details[0]).toEqual({ path: 'driverId', message: 'no driver has this id' });
    for (const bad of [{}, { driverId: 'bob' }, { assignment: 'auto' }, { driverId: null, extra: 1 }, [], 'x']) {
      const res = await put(data.drives.d3.id, bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
    }
    expect((await put('nope', { driverId: null })).status).toBe(404);
  });

  it('driver statistics follow the assignments: distance, energy, efficiency, cost', async () => {
    // Alice now has d1 (Red 30 km, 4.5 kWh) and d3 (Blue 10 km, 1.8 kWh); Bob has d2 (Red 32 km, 5 kWh).
    const alice = await call(driverStats.GET, '/x', { params: { id: data.drivers.alice.id } });
    expect(alice.body.totals).toEqual({
      drives: 2,
      distanceKm: 40,
      energyUsedKwh: 6.3,
      efficiencyWhPerKm: 158,
      durationHours: 0.83,
      cost: 1.82,
      currency: 'EUR',
      costs: [{ currency: 'EUR', amount: 1.82 }],
    });
    const bob = await call(driverStats.GET, '/x', { params: { id: data.drivers.bob.id } });
    // Red's charging cost 20.40 € for 60 kWh added: 5 kWh × 0.34 €.
    expect(bob.body.totals).toMatchObject({
      drives: 1,
      distanceKm: 32,
      energyUsedKwh: 5,
      efficiencyWhPerKm: 156,
      cost: 1.7,
      currency: 'EUR',
      costs: [{ currency: 'EUR', amount: 1.7 }],
    });
    // Another display currency keeps `cost` in it (none) and the euros in `costs`, never blanked (issue 21).
    await updatePreferences(h.db, { currency: 'USD' });
    try {
      const inUsd = await call(driverStats.GET, '/x', { params: { id: data.drivers.bob.id } });
      expect(inUsd.body.totals).toMatchObject({ cost: null, currency: 'USD', costs: [{ currency: 'EUR', amount: 1.7 }] });
    } finally {
      await updatePreferences(h.db, { currency: 'EUR' });
    }
  });
});

describe(`settings API on ${testDriver()}`, () => {
  it('reads the preferences with their defaults', async () => {
    const { status, body } = await call(settings.GET, '/api/settings');
    expect(status).toBe(200);
    expect(body.settings).toEqual({
      distanceUnit: 'km',
      temperatureUnit: 'C',
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
      solarAttributionRule: 'proportional',
      monthlyBudgetUsd: env().TESLA_MONTHLY_BUDGET_USD,
      driverRulesTimeZone: 'Europe/Berlin',
    });
  });

  it('changes preferences, refuses bad ones with the failing field, and re-runs the rules on a new time zone', async () => {
    const put = (body: unknown) => call(settings.PUT, '/api/settings', { method: 'PUT', body });
    const ok = await put({ distanceUnit: 'mi', temperatureUnit: 'F', currency: 'GBP', solarAttributionRule: 'house_first' });
    expect(ok.status).toBe(200);
    expect(ok.body.settings).toMatchObject({
      distanceUnit: 'mi',
      temperatureUnit: 'F',
      currency: 'GBP',
      solarAttributionRule: 'house_first',
      timeZone: 'Europe/Berlin',
    });
    expect((await call(settings.GET, '/api/settings')).body.settings.currency).toBe('GBP');
    for (const [bad, path] of [
      [{ distanceUnit: 'furlong' }, 'distanceUnit'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ currency: 'eur' }, 'currency'],
      [{ currency: 'ZZZ' }, 'currency'], // three letters, but no currency
      [{ monthlyBudgetUsd: -1 }, 'monthlyBudgetUsd'],
      [{ monthlyBudgetUsd: '5' }, 'monthlyBudgetUsd'],
      [{ theme: 'dark' }, ''],
      [{}, ''],
    ] as const) {
      const res = await put(bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(res.body.error.details[0].path).toBe(path);
    }
    expect((await call(settings.PUT, '/api/settings', { method: 'PUT', rawBody: '{"distanceUnit":' })).status).toBe(400);

    // Bob takes Wednesday 08:00–09:00 by rule. d1 starts 08:00 UTC = 09:00 in Berlin: Bob only once the zone is UTC.
    await call(driver.PUT, '/x', {
      method: 'PUT',
      params: { id: data.drivers.bob.id },
      body: { rules: [{ days: [3], from: '08:00', to: '09:00' }], priority: 0 },
    });
    await call(driver.PUT, '/x', { method: 'PUT', params: { id: data.drivers.alice.id }, body: { priority: 1 } });
    expect(await assignment(data.drives.d1.id)).toEqual({ driverId: data.drivers.alice.id, by: 'rule' });
    expect((await put({ timeZone: 'UTC', reassignDrivers: true })).body.settings.timeZone).toBe('UTC');
    expect(await assignment(data.drives.d1.id)).toEqual({ driverId: data.drivers.bob.id, by: 'rule' });
  });

  it("the owner's monthly budget replaces TESLA_MONTHLY_BUDGET_USD in the usage meter and the Tesla limiter", async () => {
    const cfg = teslaConfigFromEnv(env());
    const slot = { method: 'GET', pathTemplate: '/api/1/vehicles/{vin}/vehicle_data', category: 'data' as const };
    // Calls a minute apart (clear of the rate limit). The seed spent 0.026 $ this month: under the configured budget a data call fits.
    const at = (i: number) => clock.ms() + i * 61_000;
    expect(cfg.monthlyBudgetUsd).toBeGreaterThan(0.1);
    await expect(reserveSlot(h.db, cfg, at(0), slot)).resolves.toHaveProperty('rowId');
    await call(settings.PUT, '/api/settings', { method: 'PUT', body: { monthlyBudgetUsd: 0.01 } });
    expect((await call(usage.GET, '/api/usage')).body).toMatchObject({ budgetUsd: 0.01 });
    await expect(reserveSlot(h.db, cfg, at(1), slot)).rejects.toBeInstanceOf(TeslaBudgetExceededError);
    await call(settings.PUT, '/api/settings', { method: 'PUT', body: { monthlyBudgetUsd: 50 } });
    await expect(reserveSlot(h.db, cfg, at(2), slot)).resolves.toHaveProperty('rowId');
  });
});
