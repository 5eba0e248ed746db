import { describe, expect, it } from 'vitest';
import { VehicleDataResponseSchema } from '@/lib/fleet-api';
import { createSimulator } from '@/lib/simulator';
import { DAY, HOUR, MIN, setup } from './helpers';

interface Sample {
  t: number;
  state: string;
  added: number;
  level: number;
  power: number;
}

describe('charge_energy_added (reference §7.2)', () => {
  it('counts up per session, is kept after Complete and unplug, and restarts at the next session', async () => {
    const { sim, call } = setup({ scenario: 'commuter', seed: 2 });
    const vin = sim.scenario.vehicles[0]?.vin ?? '';
    sim.advanceBy(15 * HOUR);
    const samples: Sample[] = [];
    const end = sim.now() + 40 * HOUR;
    while (sim.now() < end) {
      sim.advanceBy(5 * MIN);
      const res = await call(`/api/1/vehicles/${vin}/vehicle_data?endpoints=charge_state`);
      if (res.status !== 200) {
        await call(`/api/1/vehicles/${vin}/wake_up`, { method: 'POST' });
        continue;
      }
      const cs = VehicleDataResponseSchema.parse(res.body).response.charge_state;
      if (!cs || cs.charger_power === null) throw new Error('no charge_state or charger_power');
      samples.push({
        t: sim.now(),
        state: cs.charging_state,
        added: cs.charge_energy_added,
        level: cs.battery_level,
        power: cs.charger_power,
      });
    }
    for (const s of samples) expect(s.power > 0).toBe(s.state === 'Charging');
    const sessions = sim.groundTruth().charges.filter((c) => c.kind === 'home_ac' && c.energyIntoBatteryKwh > 0);
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    for (const [i, session] of sessions.entries()) {
      const during = samples.filter(
        (s) => s.state === 'Charging' && s.t >= (session.firstPowerAt ?? 0) && s.t <= (session.lastPowerAt ?? 0) + 5 * MIN,
      );
      expect(during.length).toBeGreaterThan(3);
      for (let k = 1; k < during.length; k++) expect(during[k]?.added).toBeGreaterThan(during[k - 1]?.added ?? Infinity);
      expect(during[during.length - 1]?.level).toBeGreaterThan(during[0]?.level ?? Infinity);
      const final = Math.round(session.energyIntoBatteryKwh * 100) / 100;
      const nextStart = sessions[i + 1]?.firstPowerAt ?? end;
      const after = samples.filter((s) => s.t > (session.lastPowerAt ?? 0) + MIN && s.t < nextStart);
      expect(after.length).toBeGreaterThan(0);
      expect(after.some((s) => s.state === 'Complete')).toBe(true);
      for (const s of after) expect(s.added).toBe(final); // kept after Complete and after unplug
      if (i > 0) {
        const first = during[0];
        expect(first?.added ?? Infinity).toBeLessThan(final === 0 ? Infinity : (sessions[i - 1]?.energyIntoBatteryKwh ?? 0));
        expect(first?.added ?? Infinity).toBeLessThan(1.5); // restarted near zero: ≤ 5 min at 11 kW
      }
    }
  }, 30_000);

  it('supercharges on the road trip with DC fields and a tapering power curve', async () => {
    const probe = createSimulator({ scenario: 'commuter', seed: 4 });
    probe.advanceBy(31 * DAY);
    const dc = probe.groundTruth().charges.filter((c) => c.kind === 'supercharger');
    expect(dc.length).toBeGreaterThanOrEqual(2);
    const first = dc[0];
    if (!first?.firstPowerAt || !first.fee) throw new Error('no DC session');
    expect(first.fee.amount).toBeCloseTo(first.energyFromWallKwh * first.fee.pricePerKwh, 2);
    expect(first.energyIntoBatteryKwh).toBeLessThan(first.energyFromWallKwh);
    // Replay the same world without API calls, then look at the car early and late in the session.
    const { sim, call } = setup({ scenario: 'commuter', seed: 4 });
    const vin = sim.scenario.vehicles[0]?.vin ?? '';
    sim.advanceTo(first.firstPowerAt + 3 * MIN);
    const early = VehicleDataResponseSchema.parse((await call(`/api/1/vehicles/${vin}/vehicle_data?endpoints=charge_state`)).body).response
      .charge_state;
    expect(early?.charging_state).toBe('Charging');
    expect(early?.fast_charger_present).toBe(true);
    expect(early?.fast_charger_brand).toBe('Tesla');
    expect(early?.charger_phases).toBeNull();
    sim.advanceTo((first.lastPowerAt ?? 0) - MIN);
    const late = VehicleDataResponseSchema.parse((await call(`/api/1/vehicles/${vin}/vehicle_data?endpoints=charge_state`)).body).response
      .charge_state;
    expect(late?.charger_power ?? Infinity).toBeLessThan(early?.charger_power ?? 0);
    expect(late?.battery_level ?? 0).toBeGreaterThan(early?.battery_level ?? Infinity);
  });
});

describe.each(['commuter', 'two-cars', 'solar-home', 'real-life'] as const)('vehicle physics of %s over 30 days', (scenario) => {
  it('conserves battery energy and odometer, and efficiency varies', () => {
    const sim = createSimulator({ scenario, seed: 9 });
    const before = sim.world.vehicles.map((v) => ({ soe: v.soeKwh, odo: v.odometerMiles }));
    sim.advanceBy(30 * DAY);
    const gt = sim.groundTruth();
    for (const [i, v] of sim.world.vehicles.entries()) {
      const e = gt.vehicleEnergy[v.vin];
      if (!e) throw new Error('no energy totals');
      expect(v.soeKwh - (before[i]?.soe ?? 0)).toBeCloseTo(e.chargedKwh - e.drivenKwh - e.idleDrainKwh, 6);
      const drives = gt.drives.filter((d) => d.vin === v.vin && d.end !== null);
      expect(drives.length).toBeGreaterThan(10);
      expect(v.odometerMiles - (before[i]?.odo ?? 0)).toBeCloseTo(
        gt.drives.filter((d) => d.vin === v.vin).reduce((a, d) => a + d.distanceMiles, 0),
        6,
      );
      const whPerMile = drives.map((d) => (d.energyKwh * 1000) / d.distanceMiles);
      expect(Math.max(...whPerMile) / Math.min(...whPerMile)).toBeGreaterThan(1.15);
      for (const d of drives) expect(d.endOdometerMiles - d.startOdometerMiles).toBeCloseTo(d.distanceMiles, 6);
      const charged = gt.charges.filter((c) => c.vin === v.vin).reduce((a, c) => a + c.energyIntoBatteryKwh, 0);
      expect(charged).toBeCloseTo(e.chargedKwh, 6);
    }
  });
});

it('charges the solar-home car mostly mid-day', () => {
  const sim = createSimulator({ scenario: 'solar-home', seed: 1 });
  sim.advanceBy(30 * DAY);
  const home = sim.groundTruth().charges.filter((c) => c.kind === 'home_ac' && c.firstPowerAt !== null);
  const tz = sim.scenario.site.timeZone;
  const hour = (ms: number) => Number(new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', hourCycle: 'h23' }).format(ms));
  const midday = home.filter((c) => hour(c.firstPowerAt ?? 0) >= 9 && hour(c.firstPowerAt ?? 0) < 15);
  expect(home.length).toBeGreaterThan(5);
  expect(midday.length / home.length).toBeGreaterThan(0.5);
});
