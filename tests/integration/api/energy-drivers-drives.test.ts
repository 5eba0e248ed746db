import { describe, expect, it } from 'vitest';
import * as driverStats from '@/app/api/drivers/[id]/stats/route';
import * as driver from '@/app/api/drivers/[id]/route';
import * as drivers from '@/app/api/drivers/route';
import * as drive from '@/app/api/drives/[id]/route';
import * as drives from '@/app/api/drives/route';
import * as siteHistory from '@/app/api/energy/sites/[id]/history/route';
import * as live from '@/app/api/energy/sites/[id]/live/route';
import * as site from '@/app/api/energy/sites/[id]/route';
import * as sites from '@/app/api/energy/sites/route';
import * as solar from '@/app/api/energy/solar/stats/route';
import { testDriver } from '../../setup/test-db';
import { useSeededDb, type Call, type Seeded } from '../../setup/seeded-db';

let data: Seeded;
let call: Call;
useSeededDb((s) => ({ data, call } = s));

const none = '00000000-0000-4000-8000-000000000000';

describe(`energy API on ${testDriver()}`, () => {
  it('lists sites and finds one by app id or Tesla energy_site_id, with its latest power flow', async () => {
    const list = await call(sites.GET, '/api/energy/sites');
    expect(list.body.sites).toEqual([
      expect.objectContaining({
        id: data.site.id,
        teslaSiteId: '1689123456789012345',
        siteName: 'House',
        timeZone: 'Europe/Berlin',
        totalBatteryCapacityKwh: 13.5,
        solarCapacityW: 9000,
      }),
    ]);
    const byTesla = await call(site.GET, '/x', { params: { id: '1689123456789012345' } });
    const byId = await call(site.GET, '/x', { params: { id: data.site.id } });
    expect(byTesla.body).toEqual(byId.body);
    expect(byId.body.latestState).toMatchObject({ timestamp: '2026-03-14T11:05:00.000Z', solarPowerW: 5400 });
    for (const id of [none, '999', 'house']) expect((await call(site.GET, '/x', { params: { id } })).status).toBe(404);
  });

  it('serves the latest live_status from the database with Tesla signs', async () => {
    const { body } = await call(live.GET, '/x', { params: { id: data.site.id } });
    expect(body.live).toEqual({
      timestamp: '2026-03-14T11:05:00.000Z',
      solarPowerW: 5400,
      batteryPowerW: -1600,
      gridPowerW: -1000,
      loadPowerW: 2800,
      wallConnectorPowerW: null,
      batteryPercent: 71,
      gridStatus: 'Active',
    });
    expect(body.ageSeconds).toBeGreaterThan(0);
  });

  it('sums energy_daily per day, week (from Monday) and month, with ratios from the sums', async () => {
    const id = { params: { id: data.site.id } };
    const days = await call(siteHistory.GET, '/x?period=day&from=2026-03-01&to=2026-03-14', id);
    expect(days.body.periods).toHaveLength(14);
    expect(days.body.periods[0]).toEqual({
      period: '2026-03-01',
      days: 1,
      completeDays: 1,
      solarProducedKwh: 1,
      solarExportedKwh: 0.2,
      solarSelfConsumedKwh: 0.8,
      batteryChargedKwh: 3,
      batteryDischargedKwh: 2.5,
      gridImportedKwh: 2,
      gridExportedKwh: 0.2,
      homeConsumedKwh: 10,
      selfConsumptionPercentage: 80,
      selfPoweredPercentage: 80,
    });
    const weeks = await call(siteHistory.GET, '/x?period=week&from=2026-03-01&to=2026-03-14', id);
    expect(
      weeks.body.periods.map((p: { period: string; days: number; solarProducedKwh: number }) => [p.period, p.days, p.solarProducedKwh]),
    ).toEqual([
      ['2026-02-23', 1, 1],
      ['2026-03-02', 7, 35],
      ['2026-03-09', 6, 69],
    ]);
    const month = await call(siteHistory.GET, '/x?period=month&from=2026-01-01&to=2026-12-31', id);
    expect(month.body.periods).toEqual([
      expect.objectContaining({
        period: '2026-03-01',
        days: 14,
        completeDays: 13,
        solarProducedKwh: 105,
        solarExportedKwh: 21,
        homeConsumedKwh: 140,
        gridImportedKwh: 28,
        selfConsumptionPercentage: 80,
        selfPoweredPercentage: 80,
      }),
    ]);
    expect(month.body.timeZone).toBe('Europe/Berlin');
  });

  it('serves raw power snapshots for period=raw, and refuses bad ranges', async () => {
    const id = { params: { id: data.site.id } };
    const raw = await call(siteHistory.GET, '/x?period=raw&from=2026-03-14T11:00:00Z&to=2026-03-14T11:05:00Z', id);
    expect(raw.body.points.map((p: { gridPowerW: number }) => p.gridPowerW)).toEqual([-900]);
    expect((await call(siteHistory.GET, '/x?period=raw&from=2026-01-01&to=2026-03-14', id)).status).toBe(400);
    expect((await call(siteHistory.GET, '/x?period=day&from=2026-03-01T00:00:00Z', id)).status).toBe(400);
    expect((await call(siteHistory.GET, '/x?period=day&from=2026-03-14&to=2026-03-01', id)).status).toBe(400);
    expect((await call(siteHistory.GET, '/x?period=day&from=2020-01-01&to=2026-01-01', id)).status).toBe(400);
    expect((await call(siteHistory.GET, '/x?period=hour', id)).status).toBe(400);
  });

  it('totals solar: produced, self-consumed, best day, and the share that went into the cars', async () => {
    const { status, body } = await call(solar.GET, `/api/energy/solar/stats?site=${data.site.id}&from=2026-03-01&to=2026-03-14`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      siteId: data.site.id,
      timeZone: 'Europe/Berlin',
      from: '2026-03-01',
      to: '2026-03-14',
      days: 14,
      solarProducedKwh: 105,
      solarExportedKwh: 21,
      solarSelfConsumedKwh: 84,
      selfConsumptionPercentage: 80,
      averageDailySolarKwh: 7.5,
      bestDay: { date: '2026-03-14', solarProducedKwh: 14 },
      cars: {
        sessions: 1,
        energyKwh: 22,
        directSolarKwh: 10,
        solarShareKwh: 13.2,
        solarPercentage: 60,
        shareOfSolarProducedPercentage: 9.5,
      },
    });
    const all = await call(solar.GET, '/api/energy/solar/stats?from=2026-03-01&to=2026-03-31');
    expect(all.body).toMatchObject({ siteId: null, timeZone: 'UTC', solarProducedKwh: 105, cars: { sessions: 2, energyKwh: 38 } });
    expect((await call(solar.GET, '/api/energy/solar/stats?site=nope')).status).toBe(404);
  });
});

describe(`drivers API on ${testDriver()}`, () => {
  it('lists, creates and updates drivers with assignment rules', async () => {
    const list = await call(drivers.GET, '/api/drivers');
    expect(list.body.drivers.map((d: { name: string }) => d.name)).toEqual(['Alice', 'Bob']);
    expect(list.body.drivers[0]).toMatchObject({ rules: [{ days: [3, 5] }], priority: 0 });
    const rules = [{ vehicleId: data.vehicles.red.id, days: [1, 2, 3, 4, 5], from: '07:00', to: '09:00' }];
    const created = await call(drivers.POST, '/api/drivers', { method: 'POST', body: { name: "  Carol O'Neil ", rules } });
    expect(created.status).toBe(201);
    expect(created.body.driver).toMatchObject({ name: "Carol O'Neil", profileId: null, rules });
    const id = created.body.driver.id;
    const updated = await call(driver.PUT, '/x', { method: 'PUT', params: { id }, body: { name: 'Caroline', profileId: 'p-3' } });
    expect(updated.body.driver).toMatchObject({ id, name: 'Caroline', profileId: 'p-3', rules });
    expect((await call(driver.GET, '/x', { params: { id } })).body.driver.name).toBe('Caroline');
    expect((await call(driver.PUT, '/x', { method: 'PUT', params: { id: none }, body: { name: 'X' } })).status).toBe(404);
    const bad = await call(driver.PUT, '/x', { method: 'PUT', params: { id }, body: { rules: [{ from: '07:00' }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].message).toContain('both from and to');
  });

  it("totals a driver's drives per vehicle: km, kWh, Wh/km, hours, cost", async () => {
    const { status, body } = await call(driverStats.GET, '/x', { params: { id: data.drivers.alice.id } });
    expect(status).toBe(200);
    // Cost: Red 4.5 kWh × (2.40 + 18.00) € / 60 kWh added + Blue 1.8 kWh × (4.00 + 0) € / 25 kWh added.
    expect(body.totals).toEqual({
      drives: 2,
      distanceKm: 40,
      energyUsedKwh: 6.3,
      efficiencyWhPerKm: 158,
      durationHours: 0.83,
      cost: 1.82,
      currency: 'EUR',
      costs: [{ currency: 'EUR', amount: 1.82 }],
    });
    expect(
      body.byVehicle.map((v: { vin: string; drives: number; efficiencyWhPerKm: number }) => [v.vin, v.drives, v.efficiencyWhPerKm]),
    ).toEqual([
      ['5YJ3E1EA7KF000001', 1, 150],
      ['7SAYGDEE1PA000002', 1, 180],
    ]);
    const later = await call(driverStats.GET, '/x?from=2026-03-12', { params: { id: data.drivers.alice.id } });
    expect(later.body.totals).toMatchObject({ drives: 1, distanceKm: 10 });
    expect((await call(driverStats.GET, '/x', { params: { id: none } })).status).toBe(404);
  });
});

describe(`drives API on ${testDriver()}`, () => {
  it('lists drives newest first with efficiency, driver and places; filters and pages', async () => {
    const { body } = await call(drives.GET, '/api/drives');
    expect(body.drives.map((d: { id: string }) => d.id)).toEqual([data.drives.d3.id, data.drives.d2.id, data.drives.d1.id]);
    expect(body.drives[2]).toMatchObject({
      vin: '5YJ3E1EA7KF000001',
      distanceKm: 30,
      energyUsedKwh: 4.5,
      efficiencyWhPerKm: 150,
      durationMinutes: 30,
      startBatteryLevelPercent: 64,
      driver: { id: data.drivers.alice.id, name: 'Alice', assignment: 'rule' },
      start: { place: 'Home', locationId: data.locations.home.id },
      end: { place: 'Office' },
      outsideTempAvgC: -2.5,
      inferred: false,
    });
    const ids = async (q: string) => (await call(drives.GET, `/api/drives?${q}`)).body.drives.map((d: { id: string }) => d.id);
    expect(await ids(`driver=${data.drivers.alice.id}`)).toEqual([data.drives.d3.id, data.drives.d1.id]);
    expect(await ids(`vehicle=${data.vehicles.red.vin}&to=2026-03-11T12:00:00Z`)).toEqual([data.drives.d1.id]);
    const first = await call(drives.GET, '/api/drives?limit=2');
    const next = await call(drives.GET, `/api/drives?limit=2&cursor=${first.body.pagination.nextCursor}`);
    expect(next.body.drives.map((d: { id: string }) => d.id)).toEqual([data.drives.d1.id]);
    expect(next.body.pagination.nextCursor).toBeNull();
    expect((await call(drives.GET, `/api/drives?driver=${none}`)).status).toBe(404);
  });

  it('shows a drive with its track', async () => {
    const { body } = await call(drive.GET, '/x', { params: { id: data.drives.d1.id } });
    expect(body.track).toHaveLength(7);
    expect(body.track[3]).toEqual({
      timestamp: '2026-03-11T08:15:00.000Z',
      latitude: 52.511,
      longitude: 13.36,
      speedKmh: 70,
      powerKw: 15,
      odometerKm: 10015,
      batteryLevelPercent: 61,
      outsideTempC: -2.5,
    });
    expect((await call(drive.GET, '/x', { params: { id: none } })).status).toBe(404);
    expect((await call(drive.GET, '/x', { params: { id: 'drop table drives' } })).status).toBe(404);
  });
});
