import { describe, expect, it } from 'vitest';
import { EnergyHistoryResponseSchema, ProductsResponseSchema, SiteInfoResponseSchema } from '@/lib/fleet-api';
import { DAY, HOUR, setup } from './helpers';

/** The real-world energy quirks of ApiOptions (issue 13, known differences 3 and 6), each off by default. */
const seriesOf = (body: unknown) => EnergyHistoryResponseSchema.parse(body).response.time_series ?? [];
const dayQuery = (end: string) => `kind=energy&period=day&end_date=${encodeURIComponent(end)}`;
const sum = (xs: { total_home_usage?: number | null; solar_energy_exported: number }[]) => ({
  home: xs.reduce((a, e) => a + (e.total_home_usage ?? 0), 0),
  solar: xs.reduce((a, e) => a + e.solar_energy_exported, 0),
});

describe('calendarHistoryBuckets', () => {
  const history = async (buckets: 'five_minutes' | 'hourly' | 'daily', q: string, advance = 3 * DAY) => {
    const { sim, call } = setup({ scenario: 'solar-home', seed: 3, api: { calendarHistoryBuckets: buckets } });
    sim.advanceBy(advance);
    const site = sim.scenario.site.energySiteId;
    return seriesOf((await call(`/api/1/energy_sites/${site}/calendar_history?${q}`)).body);
  };

  it('hourly: 24 entries a day on the local hour, the same energy as the 5-minute ones', async () => {
    const end = '2026-01-06T23:59:59-07:00';
    const fine = await history('five_minutes', dayQuery(end));
    const hourly = await history('hourly', dayQuery(end));
    expect(fine).toHaveLength(288);
    expect(hourly).toHaveLength(24);
    expect(hourly.map((e) => e.timestamp.slice(11, 19))).toEqual(
      Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00:00`),
    );
    expect(sum(hourly)).toEqual(sum(fine));
    expect(hourly[12]!.solar_energy_exported).toBe(sum(fine.slice(144, 156)).solar);
  });

  it('daily: one entry at local midnight with the whole day', async () => {
    const end = '2026-01-06T23:59:59-07:00';
    const fine = await history('five_minutes', dayQuery(end));
    const daily = await history('daily', dayQuery(end));
    expect(daily).toHaveLength(1);
    expect(daily[0]!.timestamp).toBe('2026-01-06T00:00:00-07:00');
    expect(sum(daily)).toEqual(sum(fine));
  });

  it('hourly on the current day: the hours so far, the current one holding its energy so far', async () => {
    // 2026-01-05T00:00Z + 3 days + 17 h 20 min = 2026-01-08 10:20 in Denver.
    const today = await history('hourly', dayQuery('2026-01-08T23:59:59-07:00'), 3 * DAY + 17 * HOUR + 20 * 60_000);
    expect(today).toHaveLength(11);
    expect(today.at(-1)!.timestamp).toBe('2026-01-08T10:00:00-07:00');
  });
});

describe('secondEnergySite', () => {
  it('off: one site; on: a holiday home without Wall Connector listed first, with its own history', async () => {
    const one = setup({ scenario: 'solar-home', seed: 3 });
    const products = async (s: typeof one) => ProductsResponseSchema.parse((await s.call('/api/1/products')).body).response;
    const sitesOf = (items: Awaited<ReturnType<typeof products>>) =>
      items.filter((p): p is Extract<typeof p, { energy_site_id: unknown }> => 'energy_site_id' in p);
    expect(sitesOf(await products(one))).toHaveLength(1);

    const two = setup({ scenario: 'solar-home', seed: 3, api: { secondEnergySite: true } });
    two.sim.advanceBy(2 * DAY);
    const sites = sitesOf(await products(two));
    expect(sites.map((s) => String(s.energy_site_id))).toEqual(['2252000000009013', '2252000000009012']);
    expect(sites[0]!.components?.wall_connectors ?? []).toEqual([]);
    expect(sites[1]!.components?.wall_connectors).toHaveLength(1);
    const info = SiteInfoResponseSchema.parse((await two.call('/api/1/energy_sites/2252000000009013/site_info')).body).response;
    expect(info).toMatchObject({
      site_name: 'Holiday home',
      installation_time_zone: 'America/Phoenix',
      battery_count: 1,
      nameplate_power: 5000,
    });
    const day = dayQuery('2026-01-05T23:59:59-07:00');
    const holiday = seriesOf((await two.call(`/api/1/energy_sites/2252000000009013/calendar_history?${day}`)).body);
    const home = seriesOf((await two.call(`/api/1/energy_sites/2252000000009012/calendar_history?${day}`)).body);
    expect(sum(holiday).solar).toBeGreaterThan(0);
    expect(sum(holiday)).not.toEqual(sum(home));
    const q = `kind=charge&start_date=${encodeURIComponent('2026-01-05T00:00:00Z')}&end_date=${encodeURIComponent('2026-01-07T00:00:00Z')}`;
    const wc = (await two.call(`/api/1/energy_sites/2252000000009013/telemetry_history?${q}`)).body as {
      response: { charge_history: unknown[] };
    };
    expect(wc.response.charge_history).toEqual([]);
    // The home's world is the same with or without the second site.
    one.sim.advanceBy(2 * DAY);
    const alone = seriesOf((await one.call(`/api/1/energy_sites/2252000000009012/calendar_history?${day}`)).body);
    expect(sum(alone)).toEqual(sum(home));
  });
});
