import { describe, expect, it } from 'vitest';
import * as history from '@/app/api/vehicles/[id]/history/route';
import * as vehicle from '@/app/api/vehicles/[id]/route';
import * as state from '@/app/api/vehicles/[id]/state/route';
import * as vehicles from '@/app/api/vehicles/route';
import * as session from '@/app/api/charging/sessions/[id]/route';
import * as sessions from '@/app/api/charging/sessions/route';
import * as stats from '@/app/api/charging/stats/route';
import { testDriver } from '../../setup/test-db';
import { useSeededDb, type Call, type Seeded } from '../../setup/seeded-db';

let data: Seeded;
let call: Call;
useSeededDb((s) => ({ data, call } = s));

describe(`vehicles API on ${testDriver()}`, () => {
  it('lists vehicles by name with units in the field names', async () => {
    const { status, body } = await call(vehicles.GET, '/api/vehicles');
    expect(status).toBe(200);
    expect(body.vehicles.map((v: { displayName: string }) => v.displayName)).toEqual(['Blue', 'Red']);
    expect(body.vehicles[1]).toMatchObject({
      vin: '5YJ3E1EA7KF000001',
      teslaId: '1492931337195225',
      batteryCapacityKwh: 75,
      onlineState: 'asleep',
      freeSupercharging: false,
    });
    expect(body.vehicles[1].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(JSON.stringify(body)).not.toContain('rawData');
  });

  it('finds a vehicle by id and by VIN (any case), with its latest state; 404 for unknown or malformed ids', async () => {
    const byId = await call(vehicle.GET, '/x', { params: { id: data.vehicles.red.id } });
    const byVin = await call(vehicle.GET, '/x', { params: { id: '5yj3e1ea7kf000001' } });
    expect(byId.status).toBe(200);
    expect(byVin.body).toEqual(byId.body);
    expect(byId.body.latestState).toMatchObject({
      timestamp: '2026-03-11T09:00:00.000Z',
      batteryLevelPercent: 57,
      odometerKm: 10030,
      insideTempC: 21,
      outsideTempC: -1,
      shiftState: 'P',
    });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'WBA00000000000000', 'nope', "1' or '1'='1"]) {
      const res = await call(vehicle.GET, '/x', { params: { id } });
      expect(res.status, id).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('serves the latest stored state; a vehicle without states answers state null', async () => {
    const red = await call(state.GET, '/x', { params: { id: data.vehicles.red.vin } });
    expect(red.body).toMatchObject({ vehicleId: data.vehicles.red.id, vin: data.vehicles.red.vin, state: { batteryLevelPercent: 57 } });
    expect(red.body.ageSeconds).toBeGreaterThan(0);
    const blue = await call(state.GET, '/x', { params: { id: data.vehicles.blue.id } });
    expect(blue.body).toMatchObject({ state: null, ageSeconds: null });
  });

  it('returns raw history oldest first within [from, to), with limit and truncation', async () => {
    const path = '/api/vehicles/x/history?from=2026-03-11T08:00:00Z&to=2026-03-11T08:30:00Z';
    const { body } = await call(history.GET, path, { params: { id: data.vehicles.red.id } });
    expect(body).toMatchObject({ resolution: 'raw', from: '2026-03-11T08:00:00.000Z', to: '2026-03-11T08:30:00.000Z', truncated: false });
    expect(body.points).toHaveLength(6);
    expect(body.points[0]).toMatchObject({ timestamp: '2026-03-11T08:00:00.000Z', speedKmh: 40, odometerKm: 10000, latitude: 52.52 });
    const limited = await call(history.GET, `${path}&limit=2`, { params: { id: data.vehicles.red.id } });
    expect(limited.body.points.map((p: { speedKmh: number }) => p.speedKmh)).toEqual([40, 50]);
    expect(limited.body.truncated).toBe(true);
  });

  it('aggregates history per hour and per local day', async () => {
    const hourly = await call(history.GET, '/x?from=2026-03-10&to=2026-03-11&resolution=hour', { params: { id: data.vehicles.red.id } });
    expect(hourly.status).toBe(200);
    const hours = hourly.body.points;
    expect(hours.map((p: { timestamp: string }) => p.timestamp)).toEqual([
      '2026-03-10T18:00:00.000Z',
      '2026-03-10T19:00:00.000Z',
      '2026-03-10T20:00:00.000Z',
      '2026-03-11T08:00:00.000Z',
      '2026-03-11T09:00:00.000Z',
    ]);
    expect(hours[0]).toMatchObject({ samples: 4, batteryLevelMin: 40, batteryLevelMax: 49, batteryLevelAvg: 44.5, chargerPowerKwMax: 11 });
    const daily = await call(history.GET, '/x?from=2026-03-10&to=2026-03-11&resolution=day&tz=America/New_York', {
      params: { id: data.vehicles.red.id },
    });
    // New York is on EDT (UTC−4) since 8 March: local days start at 04:00Z.
    expect(daily.body.points.map((p: { timestamp: string; samples: number }) => [p.timestamp, p.samples])).toEqual([
      ['2026-03-10T04:00:00.000Z', 9],
      ['2026-03-11T04:00:00.000Z', 8],
    ]);
    expect(daily.body.timeZone).toBe('America/New_York');
  });

  it('refuses raw history over 31 days and from after to', async () => {
    const long = await call(history.GET, '/x?from=2025-01-01&to=2026-03-01', { params: { id: data.vehicles.red.id } });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: 'invalid_query', message: expect.stringContaining('31 days') });
    const hourOk = await call(history.GET, '/x?from=2025-06-01&to=2026-03-01&resolution=hour', { params: { id: data.vehicles.red.id } });
    expect(hourOk.status).toBe(200);
    const backwards = await call(history.GET, '/x?from=2026-03-02&to=2026-03-01', { params: { id: data.vehicles.red.id } });
    expect(backwards.body.error.message).toContain('from must be before to');
  });
});

describe(`charging sessions API on ${testDriver()}`, () => {
  it('lists sessions newest first with cost, location and split', async () => {
    const { status, body } = await call(sessions.GET, '/api/charging/sessions');
    expect(status).toBe(200);
    expect(body.sessions).toHaveLength(9);
    expect(body.sessions.map((s: { startedAt: string }) => s.startedAt.slice(0, 10))).toEqual([
      '2026-03-15',
      '2026-03-12',
      '2026-03-10',
      '2026-02-20',
      '2026-01-05',
      '2026-01-04',
      '2026-01-03',
      '2026-01-02',
      '2026-01-01',
    ]);
    const s1 = body.sessions[2];
    expect(s1).toMatchObject({
      id: data.sessions.s1.id,
      vin: '5YJ3E1EA7KF000001',
      vehicleName: 'Red',
      source: 'polled',
      durationMinutes: 120,
      energyAddedKwh: 20,
      energyUsedKwh: 22,
      chargerType: 'ac',
      startBatteryLevelPercent: 40,
      endBatteryLevelPercent: 64,
      location: { id: data.locations.home.id, name: 'Home', latitude: null },
      cost: { amount: 2.4, amountWithoutSolar: 6.6, currency: 'EUR' },
      split: { solarKwh: 10, batteryKwh: 4, gridKwh: 8, solarPercentage: 60, attributionRule: 'house_first' },
    });
    expect(body.sessions[1]).toMatchObject({ split: null, chargerType: 'supercharger', cost: { amount: 18, amountWithoutSolar: null } });
    expect(body.pagination).toEqual({ limit: 50, nextCursor: null });
  });

  it('filters by vehicle (id or VIN), location, source, charger type and time', async () => {
    const ids = async (q: string) =>
      (await call(sessions.GET, `/api/charging/sessions?${q}`)).body.sessions.map((s: { id: string }) => s.id);
    const { s1, s2, s3, s4 } = data.sessions;
    expect(await ids(`vehicle=${data.vehicles.blue.vin}`)).toEqual([s4.id, s3.id]);
    expect(await ids(`vehicle=${data.vehicles.blue.id}`)).toEqual([s4.id, s3.id]);
    expect(await ids(`location=${data.locations.home.id}`)).toEqual([s4.id, s1.id]);
    expect(await ids('source=supercharger_history')).toEqual([s2.id]);
    expect(await ids('chargerType=ac&from=2026-03-01')).toEqual([s4.id, s1.id]);
    expect(await ids('from=2026-03-10&to=2026-03-12')).toEqual([s2.id, s1.id]);
    expect(await ids('from=2026-03-10T19:00:00%2B01:00&to=2026-03-12T00:00:00Z')).toEqual([s1.id]);
    const unknown = await call(sessions.GET, '/api/charging/sessions?vehicle=00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
  });

  it('pages with a cursor (stable, no repeats) and with page numbers (with total)', async () => {
    const seen: string[] = [];
    let path = '/api/charging/sessions?limit=4';
    for (let i = 0; i < 5; i++) {
      const { body } = await call(sessions.GET, path);
      seen.push(...body.sessions.map((s: { id: string }) => s.id));
      if (!body.pagination.nextCursor) break;
      path = `/api/charging/sessions?limit=4&cursor=${body.pagination.nextCursor}`;
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    const page3 = await call(sessions.GET, '/api/charging/sessions?limit=4&page=3');
    expect(page3.body.pagination).toEqual({ limit: 4, nextCursor: null, page: 3, total: 9 });
    expect(page3.body.sessions.map((s: { id: string }) => s.id)).toEqual(seen.slice(8));
    const both = await call(sessions.GET, '/api/charging/sessions?page=1&cursor=' + 'x'.repeat(10));
    expect(both.status).toBe(400);
    expect((await call(sessions.GET, '/api/charging/sessions?limit=201')).status).toBe(400);
  });

  it('shows one session with its charge curve and the explained solar split', async () => {
    const { status, body } = await call(session.GET, '/x', { params: { id: data.sessions.s1.id } });
    expect(status).toBe(200);
    expect(body.samples).toHaveLength(9);
    expect(body.samples[0]).toEqual({
      timestamp: '2026-03-10T18:00:00.000Z',
      batteryLevelPercent: 40,
      chargingState: 'Charging',
      chargeEnergyAddedKwh: 0,
      chargerPowerKw: 11,
      chargerVoltageV: 230,
      chargerCurrentA: 16,
      chargerPhases: 3,
      outsideTempC: null,
    });
    expect(body.samples.at(-1)).toMatchObject({ chargingState: 'Complete', chargeEnergyAddedKwh: 20 });
    expect(body.session.split).toMatchObject({
      totalKwh: 22,
      solarKwh: 10,
      batteryKwh: 4,
      gridKwh: 8,
      solarShareKwh: 13.2,
      batterySolarKwh: 3.2,
      batteryGridKwh: 0.8,
      attributionRule: 'house_first',
    });
    expect(body.session.split.statement).toContain('80 %');
    const away = await call(session.GET, '/x', { params: { id: data.sessions.s2.id } });
    expect(away.body.session.split).toBeNull();
    expect(away.body.samples).toEqual([]);
    expect((await call(session.GET, '/x', { params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    expect((await call(session.GET, '/x', { params: { id: '42' } })).status).toBe(404);
  });

  it('sums charging per month: kWh, AC/DC/Supercharger, solar share and cost', async () => {
    const { status, body } = await call(stats.GET, '/api/charging/stats?period=month&from=2026-01-01&to=2026-03-31');
    expect(status).toBe(200);
    expect(body.periods.map((p: { period: string }) => p.period)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    const march = body.periods[2];
    expect(march).toMatchObject({
      sessions: 3,
      energyAddedKwh: 75,
      energyUsedKwh: 38,
      byChargerType: { acKwh: 35, dcKwh: 0, superchargerKwh: 40, unknownKwh: 0 },
      split: { totalKwh: 38, solarKwh: 26, batteryKwh: 4, gridKwh: 8, solarShareKwh: 29.2 },
      solarPercentage: 76.8,
      costs: [{ currency: 'EUR', amount: 20.4, amountWithoutSolar: 29.4, solarSavings: 9 }],
    });
    expect(body.periods[0]).toMatchObject({
      sessions: 5,
      energyAddedKwh: 160,
      byChargerType: { dcKwh: 160 },
      solarPercentage: null,
      costs: [],
    });
    expect(body.totals).toMatchObject({ sessions: 9, energyAddedKwh: 245, costs: [{ currency: 'EUR', amount: 24.4 }] });
  });

  it('groups by local week and day, and per vehicle', async () => {
    const weeks = await call(stats.GET, '/api/charging/stats?period=week&from=2026-03-09&to=2026-03-15&tz=Europe/Berlin');
    expect(weeks.body.periods.map((p: { period: string; sessions: number }) => [p.period, p.sessions])).toEqual([['2026-03-09', 3]]);
    const days = await call(stats.GET, `/api/charging/stats?period=day&from=2026-03-01&to=2026-03-31&vehicle=${data.vehicles.red.vin}`);
    expect(days.body.periods.map((p: { period: string }) => p.period)).toEqual(['2026-03-10', '2026-03-12']);
    expect(days.body.vehicleId).toBe(data.vehicles.red.id);
    const tooLong = await call(stats.GET, '/api/charging/stats?period=day&from=2020-01-01&to=2026-01-01');
    expect(tooLong.status).toBe(400);
  });
});
