import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthStats } from '@/app/(app)/charging/_lib/month-stats';
import type { DbHandle } from '@/db/client';
import { distanceByPeriod } from '@/db/queries/charging-page';
import { listEnergyBuckets } from '@/db/queries/energy-page';
import { chargingSessions, drives, energyBuckets, energySites } from '@/db/schema';
import { testDriver } from '../../setup/test-db';
import { openSeeded, type Seeded } from '../../setup/seeded-db';

let h: DbHandle;
let data: Seeded;
const t = (iso: string) => new Date(iso);

beforeAll(async () => {
  ({ h, data } = await openSeeded());
  // 00:30 on 1 April in Berlin, still 31 March in UTC: the time zone decides the month.
  await h.db
    .insert(drives)
    .values({ vehicleId: data.vehicles.blue.id, startedAt: t('2026-03-31T22:30:00Z'), endedAt: t('2026-03-31T22:50:00Z'), distanceKm: 5 });
  // Thirteen months before "now" below: outside the 12 months the page shows.
  await h.db.insert(chargingSessions).values({
    vehicleId: data.vehicles.red.id,
    sessionKey: 'old-year',
    source: 'polled',
    startedAt: t('2025-03-10T10:00:00Z'),
    energyAddedKwh: 99,
    cost: 9,
    costCurrency: 'EUR',
  });
});
afterAll(async () => h.close());

describe(`charging page queries on ${testDriver()}`, () => {
  const all = () => [data.vehicles.red.id, data.vehicles.blue.id];

  it('sums the distance driven per local month, in the given time zone', async () => {
    const range = { from: t('2026-01-01T00:00:00Z'), to: t('2026-05-01T00:00:00Z'), unit: 'month' as const };
    expect(await distanceByPeriod(h.db, { ...range, vehicleIds: all(), timeZone: 'Europe/Berlin' })).toEqual([
      { period: '2026-03-01', distanceKm: 72, drives: 3 },
      { period: '2026-04-01', distanceKm: 5, drives: 1 },
    ]);
    expect(await distanceByPeriod(h.db, { ...range, vehicleIds: all(), timeZone: 'UTC' })).toEqual([
      { period: '2026-03-01', distanceKm: 77, drives: 4 },
    ]);
    expect(await distanceByPeriod(h.db, { ...range, vehicleIds: [data.vehicles.red.id], timeZone: 'UTC' })).toEqual([
      { period: '2026-03-01', distanceKm: 62, drives: 2 },
    ]);
  });

  it('reads only [from, to) and nothing for no vehicles', async () => {
    expect(
      await distanceByPeriod(h.db, {
        vehicleIds: all(),
        from: t('2026-03-11T08:10:00Z'),
        to: t('2026-03-13T00:00:00Z'),
        unit: 'day',
        timeZone: 'UTC',
      }),
    ).toEqual([{ period: '2026-03-11', distanceKm: 32, drives: 1 }]);
    expect(
      await distanceByPeriod(h.db, {
        vehicleIds: [],
        from: t('2020-01-01T00:00:00Z'),
        to: t('2030-01-01T00:00:00Z'),
        unit: 'year',
        timeZone: 'UTC',
      }),
    ).toEqual([]);
  });

  it('builds the last 12 months from the first with a session: kWh, cost, cost per 100 km and solar share, as the stats API counts them', async () => {
    const { months, from } = await monthStats(h.db, { timeZone: 'Europe/Berlin', currency: 'EUR', now: t('2026-03-20T12:00:00Z') });
    expect(from.toISOString()).toBe('2025-03-31T22:00:00.000Z'); // 1 April 2025, Berlin summer time
    // No empty months before January, the first month of the window with a session.
    expect(months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    const by = Object.fromEntries(months.map((m) => [m.month, m]));
    // March: s1 (20 kWh, 2.40 €, 60 % solar of 22 kWh), s2 (40 kWh, 18 €, no split), s4 (15 kWh, 0 €, 100 % of 16 kWh); 72 km driven.
    expect(by['2026-03']).toEqual({
      month: '2026-03',
      sessions: 3,
      energyAddedKwh: 75,
      cost: 20.4,
      costWithoutSolar: 29.4,
      costs: [{ currency: 'EUR', amount: 20.4 }],
      distanceKm: 72,
      costPer100Km: 28.33,
      costsPer100Km: [{ currency: 'EUR', amount: 28.33 }],
      solarPercentage: Math.round(((22 * 0.6 + 16) / 38) * 1000) / 10,
    });
    expect(by['2026-02']).toMatchObject({
      sessions: 1,
      energyAddedKwh: 10,
      cost: 4,
      distanceKm: 0,
      costPer100Km: null,
      solarPercentage: null,
    });
    expect(by['2026-01']).toMatchObject({ sessions: 5, energyAddedKwh: 160, cost: null, costPer100Km: null });
    // The session 13 months back is outside the window.
    expect(months.reduce((n, m) => n + m.sessions, 0)).toBe(9);
  });

  it('follows the sessions table filters: car (and its distance), place, source, charger type', async () => {
    const now = t('2026-03-20T12:00:00Z');
    const of = async (filter: Parameters<typeof monthStats>[1]['filter']) =>
      (await monthStats(h.db, { timeZone: 'UTC', currency: 'EUR', now, filter })).months.map((m) => [
        m.month,
        m.sessions,
        m.energyAddedKwh,
      ]);
    expect(await of({ chargerType: 'ac' })).toEqual([
      ['2026-02', 1, 10],
      ['2026-03', 2, 35],
    ]);
    expect(await of({ source: 'supercharger_history' })).toEqual([['2026-03', 1, 40]]);
    expect(await of({ locationId: data.locations.work.id })).toEqual([
      ['2026-02', 1, 10],
      ['2026-03', 0, 0],
    ]);
    expect(await of({ chargerType: 'dc', source: 'wall_connector' })).toEqual([]);
    const blue = await monthStats(h.db, { timeZone: 'UTC', currency: 'EUR', now, filter: { vehicleId: data.vehicles.blue.id } });
    // Blue's own March: s4 (15 kWh, 0 €) and its one drive before "now" (10 km; Red's 62 km are left out).
    expect(blue.months.at(-1)).toMatchObject({ month: '2026-03', sessions: 1, energyAddedKwh: 15, cost: 0, distanceKm: 10 });
  });

  it('keeps costs in the currency they were priced in: out of the owner-currency figures, never blanked (issue 21)', async () => {
    const { months } = await monthStats(h.db, { timeZone: 'UTC', currency: 'USD', now: t('2026-03-20T12:00:00Z') });
    expect(months.at(-1)).toMatchObject({
      month: '2026-03',
      energyAddedKwh: 75,
      cost: null,
      costPer100Km: null,
      costs: [{ currency: 'EUR', amount: 20.4 }],
      costsPer100Km: [{ currency: 'EUR', amount: 28.33 }],
    });
  });
});

describe(`energy page queries on ${testDriver()}`, () => {
  it('lists a site’s 5-minute buckets in [from, to), oldest first, at most limit', async () => {
    const [other] = await h.db.insert(energySites).values({ teslaSiteId: '42', siteName: 'Cabin', timeZone: 'UTC' }).returning();
    const bucket = (siteId: string, i: number) => ({
      siteId,
      startAt: new Date(Date.parse('2026-03-14T10:00:00Z') + i * 300_000),
      endAt: new Date(Date.parse('2026-03-14T10:05:00Z') + i * 300_000),
      homeFromSolarKwh: 0.1 * i,
      homeFromBatteryKwh: 0.05,
      homeFromGridKwh: 0.01,
      batteryFromSolarKwh: 0.2,
      batteryFromGridKwh: 0,
      batteryDischargedKwh: 0.05,
    });
    await h.db.insert(energyBuckets).values([...[5, 0, 3, 1, 4, 2].map((i) => bucket(data.site.id, i)), bucket(other!.id, 1)]);
    const rows = await listEnergyBuckets(h.db, {
      siteId: data.site.id,
      from: t('2026-03-14T10:05:00Z'),
      to: t('2026-03-14T10:25:00Z'),
      limit: 100,
    });
    expect(rows.map((r) => r.startAt.toISOString())).toEqual([
      '2026-03-14T10:05:00.000Z',
      '2026-03-14T10:10:00.000Z',
      '2026-03-14T10:15:00.000Z',
      '2026-03-14T10:20:00.000Z',
    ]);
    expect(rows[0]).toMatchObject({
      homeFromSolarKwh: 0.1,
      homeFromBatteryKwh: 0.05,
      homeFromGridKwh: 0.01,
      endAt: t('2026-03-14T10:10:00Z'),
    });
    const limited = await listEnergyBuckets(h.db, {
      siteId: data.site.id,
      from: t('2026-03-14T00:00:00Z'),
      to: t('2026-03-15T00:00:00Z'),
      limit: 2,
    });
    expect(limited.map((r) => r.homeFromSolarKwh)).toEqual([0, 0.1]);
    expect(
      await listEnergyBuckets(h.db, { siteId: other!.id, from: t('2026-03-14T00:00:00Z'), to: t('2026-03-15T00:00:00Z'), limit: 10 }),
    ).toHaveLength(1);
  });
});
