import { describe, expect, it } from 'vitest';
import { EnergyHistoryResponseSchema, LiveStatusResponseSchema, type EnergyHistoryEntry } from '@/lib/fleet-api';
import { POWERWALL_WH } from '@/lib/simulator/energy/energy-model';
import { addLocalDays, startOfLocalDay } from '@/lib/simulator/time-zone';
import { DAY, MIN, setup } from './helpers';

/** The reference's §4.4 identities, checked on numbers the model produced. */
function expectIdentities(e: EnergyHistoryEntry) {
  expect(e.solar_energy_exported).toBe(
    e.grid_energy_exported_from_solar + e.battery_energy_imported_from_solar + e.consumer_energy_imported_from_solar,
  );
  expect(e.grid_energy_imported).toBe(e.battery_energy_imported_from_grid + e.consumer_energy_imported_from_grid);
  expect(e.battery_energy_exported).toBe(e.grid_energy_exported_from_battery + e.consumer_energy_imported_from_battery);
  expect(e.total_home_usage).toBe(
    e.consumer_energy_imported_from_grid +
      e.consumer_energy_imported_from_solar +
      e.consumer_energy_imported_from_battery +
      e.consumer_energy_imported_from_generator,
  );
  expect(e.total_battery_charge).toBe(
    e.battery_energy_imported_from_grid + e.battery_energy_imported_from_solar + e.battery_energy_imported_from_generator,
  );
  expect(e.total_grid_energy_exported).toBe(
    e.grid_energy_exported_from_solar + e.grid_energy_exported_from_generator + e.grid_energy_exported_from_battery,
  );
  expect(e.total_solar_generation).toBe(e.solar_energy_exported);
  expect(e.total_battery_discharge).toBe(e.battery_energy_exported);
}

const FIELDS = [
  'solar_energy_exported',
  'grid_energy_imported',
  'total_grid_energy_exported',
  'battery_energy_exported',
  'total_battery_charge',
  'total_home_usage',
  'consumer_energy_imported_from_solar',
] as const;

/** The buckets of a calendar_history answer (the simulator always sends them). */
function seriesOf(body: unknown) {
  const series = EnergyHistoryResponseSchema.parse(body).response.time_series;
  if (!series) throw new Error('the simulator sent no time_series');
  return series;
}

describe.each(['solar-home', 'commuter'] as const)('energy history of %s', (scenario) => {
  it('holds the identities per 5-min bucket, and daily buckets equal the sum of their 5-min buckets', async () => {
    const { sim, call } = setup({ scenario, seed: 11 });
    const site = sim.scenario.site.energySiteId;
    sim.advanceBy(30 * DAY);
    const history = async (q: string) => seriesOf((await call(`/api/1/energy_sites/${site}/calendar_history?kind=energy&${q}`)).body);
    const days = await history(`period=month&start_date=${encodeURIComponent(new Date(sim.now() - 29 * DAY).toISOString())}`);
    expect(days.length).toBeGreaterThanOrEqual(29);
    let solarTotal = 0;
    for (const dayEntry of days.slice(1, -1)) {
      expectIdentities(dayEntry);
      const fine = await history(`period=day&end_date=${encodeURIComponent(dayEntry.timestamp)}`);
      expect(fine.length).toBeGreaterThanOrEqual(276); // 23 h on a DST day
      for (const e of fine) expectIdentities(e);
      for (const f of FIELDS) expect(fine.reduce((a, e) => a + (e[f] ?? 0), 0)).toBe(dayEntry[f]);
      solarTotal += dayEntry.solar_energy_exported;
    }
    expect(solarTotal).toBeGreaterThan(10_000);
    const year = await history('period=year');
    const month = year[year.length - 1];
    if (!month) throw new Error('no monthly bucket');
    expectIdentities(month);
  }, 30_000);

  it('daily totals equal the live powers integrated minute by minute, and percentage_charged follows battery_power', async () => {
    const { sim, call } = setup({ scenario, seed: 12 });
    const site = sim.scenario.site.energySiteId;
    const tz = sim.scenario.site.timeZone;
    const d0 = startOfLocalDay(tz, sim.now() + 5 * DAY);
    const d1 = addLocalDays(tz, d0, 1);
    sim.advanceTo(d0);
    const live = async () => LiveStatusResponseSchema.parse((await call(`/api/1/energy_sites/${site}/live_status`)).body).response;
    const startPct = (await live()).percentage_charged ?? NaN;
    const acc = { solar: 0, load: 0, grid: 0, battery: 0, charge: 0, discharge: 0 };
    let sawCarInLoad = false;
    while (sim.now() < d1) {
      sim.advanceBy(MIN);
      const s = await live();
      const wh = (w: number | undefined) => ((w ?? 0) * MIN) / 3_600_000;
      expect(s.load_power).toBe((s.solar_power ?? 0) + (s.battery_power ?? 0) + (s.grid_power ?? 0) + (s.generator_power ?? 0));
      acc.solar += wh(s.solar_power);
      acc.load += wh(s.load_power);
      acc.grid += wh(s.grid_power);
      acc.battery += wh(s.battery_power);
      acc.charge += wh(Math.max(0, -(s.battery_power ?? 0)));
      acc.discharge += wh(Math.max(0, s.battery_power ?? 0));
      for (const wc of s.wall_connectors ?? []) {
        expect(s.load_power ?? 0).toBeGreaterThanOrEqual(wc.wall_connector_power);
        if (wc.wall_connector_power > 0) sawCarInLoad = true;
      }
    }
    const endPct = (await live()).percentage_charged ?? NaN;
    const day = seriesOf(
      (
        await call(
          `/api/1/energy_sites/${site}/calendar_history?kind=energy&period=week&start_date=${encodeURIComponent(new Date(d0).toISOString())}&end_date=${encodeURIComponent(new Date(d0 + 1000).toISOString())}`,
        )
      ).body,
    ).find((e) => Date.parse(e.timestamp) === d0);
    if (!day) throw new Error('day bucket missing');
    const TOL = 60; // Wh: rounding of 288 buckets × a few flows, plus whole-W live values
    expect(Math.abs(day.solar_energy_exported - acc.solar)).toBeLessThan(TOL);
    expect(Math.abs((day.total_home_usage ?? 0) - acc.load)).toBeLessThan(TOL);
    expect(Math.abs(day.grid_energy_imported - (day.total_grid_energy_exported ?? 0) - acc.grid)).toBeLessThan(TOL);
    expect(Math.abs(day.battery_energy_exported - (day.total_battery_charge ?? 0) - acc.battery)).toBeLessThan(TOL);
    expect(acc.load).toBeGreaterThan(5_000);
    const homeChargingThatDay = sim
      .groundTruth()
      .charges.some((c) => c.kind === 'home_ac' && c.firstPowerAt !== null && c.firstPowerAt < d1 && (c.lastPowerAt ?? 0) > d0);
    expect(sawCarInLoad).toBe(homeChargingThatDay);
    const capacityWh = sim.scenario.site.powerwalls * POWERWALL_WH;
    const expectedPctDelta = ((acc.charge * 0.95 - acc.discharge / 0.95) / capacityWh) * 100;
    expect(endPct - startPct).toBeCloseTo(expectedPctDelta, 1);
    expect(sim.world.site.soeWh - (sim.scenario.site.initialBatteryPercent / 100) * capacityWh).toBeCloseTo(
      sim.world.site.storedDeltaWh,
      6,
    );
  }, 30_000);
});

it('splits every home charge exactly into solar, Powerwall and grid energy', () => {
  const { sim } = setup({ scenario: 'solar-home', seed: 5 });
  sim.advanceBy(30 * DAY);
  const home = sim.groundTruth().charges.filter((c) => c.kind === 'home_ac' && c.energyFromWallKwh > 0);
  expect(home.length).toBeGreaterThan(5);
  for (const c of home) {
    const s = c.homeSplit;
    if (!s) throw new Error('home session without split');
    expect(s.solarKwh + s.batteryKwh + s.gridKwh).toBeCloseTo(c.energyFromWallKwh, 6);
  }
  const solar = home.reduce((a, c) => a + (c.homeSplit?.solarKwh ?? 0), 0);
  const total = home.reduce((a, c) => a + c.energyFromWallKwh, 0);
  expect(solar / total).toBeGreaterThan(0.2); // mid-day charging on a solar home uses real sun
});

it('follows DST: the spring-forward day has 23 h of 5-min buckets with both offsets', async () => {
  const { sim, call } = setup({ scenario: 'commuter', seed: 1, start: Date.UTC(2026, 2, 27) });
  sim.advanceBy(4 * DAY);
  const site = sim.scenario.site.energySiteId;
  const res = await call(
    `/api/1/energy_sites/${site}/calendar_history?kind=energy&period=day&end_date=${encodeURIComponent('2026-03-29T23:59:59+02:00')}`,
  );
  const series = seriesOf(res.body);
  expect(series).toHaveLength(23 * 12);
  expect(series[0]?.timestamp).toBe('2026-03-29T00:00:00+01:00');
  expect(series.at(-1)?.timestamp).toBe('2026-03-29T23:55:00+02:00');
  const week = seriesOf(
    (
      await call(
        `/api/1/energy_sites/${site}/calendar_history?kind=energy&period=week&end_date=${encodeURIComponent('2026-03-29T12:00:00+02:00')}`,
      )
    ).body,
  );
  const sunday = week.find((e) => e.timestamp === '2026-03-29T00:00:00+01:00');
  expect(sunday?.total_home_usage).toBe(series.reduce((a, e) => a + (e.total_home_usage ?? 0), 0));
});
