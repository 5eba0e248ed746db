import { describe, expect, it } from 'vitest';
import * as sessionsCsv from '@/app/api/export/charging-sessions.csv/route';
import * as drivesCsv from '@/app/api/export/drives.csv/route';
import * as energyCsv from '@/app/api/export/energy-daily.csv/route';
import * as location from '@/app/api/locations/[id]/route';
import * as locations from '@/app/api/locations/route';
import * as tariff from '@/app/api/tariffs/[id]/route';
import * as tariffs from '@/app/api/tariffs/route';
import * as usage from '@/app/api/usage/route';
import { csvCell, csvResponse } from '@/lib/api/csv';
import { testDriver } from '../../setup/test-db';
import { useSeededDb, type Call, type Seeded } from '../../setup/seeded-db';
import { clock } from '@/lib/clock';

let data: Seeded;
let call: Call;
useSeededDb((s) => ({ data, call } = s));

const none = '00000000-0000-4000-8000-000000000000';
const night = { days: [0, 1, 2, 3, 4, 5, 6], from: '22:00', to: '06:00', crossesMidnight: true, pricePerKwh: 0.2 };

describe(`locations API on ${testDriver()}`, () => {
  it('lists, creates (one home at most), updates and deletes places', async () => {
    expect((await call(locations.GET, '/api/locations')).body.locations.map((l: { name: string }) => l.name)).toEqual(['Home', 'Office']);
    const created = await call(locations.POST, '/api/locations', {
      method: 'POST',
      body: { name: 'New home', latitude: 48.1372, longitude: 11.5756, isHome: true, tariffId: data.tariffs.home.id },
    });
    expect(created.status).toBe(201);
    expect(created.body.location).toMatchObject({
      name: 'New home',
      latitude: 48.1372,
      longitude: 11.5756,
      radiusM: 100,
      isHome: true,
      tariffId: data.tariffs.home.id,
    });
    const id = created.body.location.id;
    const old = await call(location.GET, '/x', { params: { id: data.locations.home.id } });
    expect(old.body.location.isHome).toBe(false);
    const moved = await call(location.PUT, '/x', { method: 'PUT', params: { id }, body: { radiusM: 250, name: 'Munich' } });
    expect(moved.body.location).toMatchObject({ id, radiusM: 250, name: 'Munich', latitude: 48.1372 });
    expect((await call(location.DELETE, '/x', { method: 'DELETE', params: { id } })).status).toBe(204);
    expect((await call(location.GET, '/x', { params: { id } })).status).toBe(404);
    expect((await call(location.DELETE, '/x', { method: 'DELETE', params: { id } })).status).toBe(404);
  });

  it('refuses impossible coordinates, radii and unknown tariffs with 422 naming the field', async () => {
    const bad = async (body: unknown) => call(locations.POST, '/api/locations', { method: 'POST', body });
    const cases: [unknown, string][] = [
      [{ name: 'X', latitude: 91, longitude: 0 }, 'latitude'],
      [{ name: 'X', latitude: 0, longitude: -180.5 }, 'longitude'],
      [{ name: 'X', latitude: 0, longitude: 0, radiusM: 0 }, 'radiusM'],
      [{ name: 'X', latitude: 0, longitude: 0, radiusM: 12.5 }, 'radiusM'],
      [{ name: 'X', latitude: '52.5', longitude: 0 }, 'latitude'],
      [{ name: 'X', latitude: 0, longitude: 0, tariffId: none }, 'tariffId'],
      [{ name: 'X', latitude: 0, longitude: 0, colour: 'red' }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await bad(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await call(location.PUT, '/x', { method: 'PUT', params: { id: data.locations.work.id }, body: {} })).status).toBe(422);
  });
});

describe(`tariffs API on ${testDriver()}`, () => {
  it('creates a time-of-use tariff with a window across midnight, stated explicitly', async () => {
    const created = await call(tariffs.POST, '/api/tariffs', {
      method: 'POST',
      body: { name: 'Night saver', kind: 'time_of_use', currency: 'GBP', pricePerKwh: 0.35, periods: [night] },
    });
    expect(created.status).toBe(201);
    expect(created.body.tariff).toMatchObject({
      kind: 'time_of_use',
      currency: 'GBP',
      pricePerKwh: 0.35,
      sessionFee: 0,
      feedInPricePerKwh: null,
      periods: [night],
    });
    const listed = await call(tariffs.GET, '/api/tariffs');
    expect(listed.body.tariffs.map((t: { name: string }) => t.name)).toEqual(['Home flat', 'Night saver', 'Work']);
  });

  it('refuses bad currencies, negative prices, implicit midnight crossing, overlaps and kind mismatches', async () => {
    const base = { name: 'T', kind: 'time_of_use', currency: 'EUR', pricePerKwh: 0.3, periods: [night] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, currency: 'eur' }, 'ISO 4217'],
      [{ ...base, currency: 'XYZ' }, 'ISO 4217'],
      [{ ...base, pricePerKwh: -0.01 }, 'negative'],
      [{ ...base, periods: [{ ...night, crossesMidnight: false }] }, 'crossesMidnight: true'],
      [{ ...base, periods: [{ ...night, from: '06:00', to: '22:00' }] }, 'to is after from'],
      [{ ...base, periods: [{ ...night, from: '25:00' }] }, 'HH:mm'],
      [{ ...base, periods: [{ ...night, days: [7] }] }, '6 (Saturday)'],
      [{ ...base, periods: [night, { days: [3], from: '05:00', to: '07:00', pricePerKwh: 0.3 }] }, 'overlaps period 0'],
      [{ ...base, periods: [] }, 'at least one period'],
      [{ ...base, kind: 'flat' }, 'no periods'],
      [{ ...base, kind: 'dynamic' }, 'flat or time_of_use'],
    ];
    for (const [body, message] of cases) {
      const res = await call(tariffs.POST, '/api/tariffs', { method: 'POST', body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(JSON.stringify(res.body.error.details), JSON.stringify(body)).toContain(message);
    }
  });

  it('updates the given fields and validates the result; deleting leaves places without a tariff', async () => {
    const id = data.tariffs.work.id;
    const updated = await call(tariff.PUT, '/x', { method: 'PUT', params: { id }, body: { pricePerKwh: 0.42, sessionFee: 1.5 } });
    expect(updated.status).toBe(200);
    expect(updated.body.tariff).toMatchObject({ name: 'Work', kind: 'flat', pricePerKwh: 0.42, sessionFee: 1.5 });
    expect((await call(tariff.PUT, '/x', { method: 'PUT', params: { id }, body: { kind: 'time_of_use' } })).status).toBe(422);
    expect((await call(tariff.PUT, '/x', { method: 'PUT', params: { id }, body: [] })).status).toBe(422);
    expect((await call(tariff.PUT, '/x', { method: 'PUT', params: { id: none }, body: { pricePerKwh: 1 } })).status).toBe(404);
    expect((await call(tariff.DELETE, '/x', { method: 'DELETE', params: { id } })).status).toBe(204);
    const office = await call(location.GET, '/x', { params: { id: data.locations.work.id } });
    expect(office.body.location.tariffId).toBeNull();
    expect((await call(tariff.GET, '/x', { params: { id } })).status).toBe(404);
  });
});

describe(`usage API on ${testDriver()}`, () => {
  it("counts this month's Tesla requests and cost by category, with budget, credit and forecast", async () => {
    const { status, body } = await call(usage.GET, '/api/usage');
    expect(status).toBe(200);
    const now = clock.now();
    expect(body).toMatchObject({
      month: `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`,
      requests: 6,
      billableRequests: 4,
      costUsd: 0.026,
      monthlyCreditUsd: 10,
      estimatedInvoiceUsd: 0,
      budgetUsd: 10,
      budgetRemainingUsd: 9.974,
      budgetUsedPercentage: 0.3,
    });
    expect(body.byCategory).toMatchObject({
      data: { requests: 3, billableRequests: 3, costUsd: 0.006 },
      wake: { requests: 1, costUsd: 0.02 },
      state: { requests: 2, billableRequests: 0, costUsd: 0 },
      command: { requests: 0 },
    });
    if (body.forecast) {
      expect(body.forecast.costUsd).toBeGreaterThanOrEqual(0.026);
      expect(body.forecast.exceedsBudget).toBe(false);
    }
  });

  it('reports a past month in full (forecast = actual) and refuses future or malformed months', async () => {
    const now = clock.now();
    const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const month = `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
    const { body } = await call(usage.GET, `/api/usage?month=${month}`);
    expect(body).toMatchObject({ month, requests: 1, costUsd: 0.5, elapsedPercentage: 100, forecast: { costUsd: 0.5, requests: 1 } });
    for (const q of ['month=2099-01', 'month=2026-13', 'month=2026-1', 'month=now', 'foo=1'])
      expect((await call(usage.GET, `/api/usage?${q}`)).status, q).toBe(400);
  });
});

describe(`CSV exports on ${testDriver()}`, () => {
  const lines = (text: string) => text.split('\r\n').filter(Boolean);

  it('streams charging sessions oldest first with units in the headers and formula cells defused', async () => {
    const res = await call(sessionsCsv.GET, '/api/export/charging-sessions.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('charging-sessions.csv');
    const rows = lines(res.body);
    expect(rows[0]).toBe(
      'id,vin,vehicle_name,started_at,ended_at,duration_min,source,charger_type,location_name,latitude_deg,longitude_deg,start_battery_level_pct,end_battery_level_pct,energy_added_kwh,energy_used_kwh,charge_rate_kw,peak_power_kw,solar_kwh,battery_kwh,grid_kwh,solar_pct,attribution_rule,cost,cost_without_solar,cost_currency,priced_kwh,pricing_basis',
    );
    expect(rows).toHaveLength(10);
    expect(rows[1]).toContain('2026-01-01T07:00:00.000Z');
    expect(rows.find((r: string) => r.startsWith(data.sessions.s1.id))).toBe(
      `${data.sessions.s1.id},5YJ3E1EA7KF000001,Red,2026-03-10T18:00:00.000Z,2026-03-10T20:00:00.000Z,120,polled,ac,Home,,,40,64,20,22,11,11,10,4,8,60,house_first,2.4,6.6,EUR,,`,
    );
    expect(rows.find((r: string) => r.startsWith(data.sessions.s2.id))).toContain(`,"'=HYPERLINK(""x""), Berlin",`);
    const filtered = lines((await call(sessionsCsv.GET, `/api/export/charging-sessions.csv?vehicle=${data.vehicles.blue.vin}`)).body);
    expect(filtered).toHaveLength(3);
    const bad = await call(sessionsCsv.GET, '/api/export/charging-sessions.csv?limit=5');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_query');
  });

  it('streams drives and daily energy', async () => {
    const drives = lines((await call(drivesCsv.GET, '/api/export/drives.csv')).body);
    expect(drives[0]).toContain(
      'distance_km,start_odometer_km,end_odometer_km,start_battery_level_pct,end_battery_level_pct,energy_used_kwh,efficiency_wh_per_km',
    );
    expect(drives).toHaveLength(4);
    expect(drives[1]).toContain(',Alice,2026-03-11T08:00:00.000Z,');
    expect(drives[1]).toContain(',30,10000,10030,64,58,4.5,150,Home,Office,100,-2.5,false');
    expect(drives[2]).toContain(",Office,'@home,");
    const energy = lines((await call(energyCsv.GET, `/api/export/energy-daily.csv?site=${data.site.teslaSiteId}&from=2026-03-12`)).body);
    expect(energy[0]).toBe(
      'site_id,site_name,date,solar_produced_kwh,solar_exported_kwh,battery_charged_kwh,battery_discharged_kwh,grid_imported_kwh,grid_exported_kwh,home_consumed_kwh,self_consumption_pct,self_powered_pct,complete',
    );
    expect(energy.slice(1)).toEqual([
      `${data.site.id},House,2026-03-12,12,2.4,3,2.5,2,2.4,10,,,true`,
      `${data.site.id},House,2026-03-13,13,2.6,3,2.5,2,2.6,10,,,true`,
      `${data.site.id},House,2026-03-14,14,2.8,3,2.5,2,2.8,10,,,false`,
    ]);
    expect((await call(energyCsv.GET, '/api/export/energy-daily.csv?from=2026-02-30')).status).toBe(400);
  });

  it('quotes per RFC 4180 and fetches batch after batch until one comes back empty', async () => {
    expect([
      csvCell('a,b'),
      csvCell('say "hi"'),
      csvCell('two\nlines'),
      csvCell('+1'),
      csvCell('-x'),
      csvCell(-2.5),
      csvCell(null),
    ]).toEqual(['"a,b"', '"say ""hi"""', '"two\nlines"', "'+1", "'-x", '-2.5', '']);
    const rows = Array.from({ length: 5 }, (_, i) => ({ n: i }));
    const afters: (number | undefined)[] = [];
    const res = csvResponse('t.csv', [{ header: 'n_count', value: (r: { n: number }) => r.n }], async (last) => {
      afters.push(last?.n);
      const start = last ? last.n + 1 : 0;
      return rows.slice(start, start + 2);
    });
    expect(await res.text()).toBe('n_count\r\n0\r\n1\r\n2\r\n3\r\n4\r\n');
    expect(afters).toEqual([undefined, 1, 3, 4]);
  });
});
