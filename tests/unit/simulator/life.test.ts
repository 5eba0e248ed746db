import { describe, expect, it } from 'vitest';
import { commuter, realLife, type AwakeReason, type LifeSpec, type Scenario, type VehicleSpec } from '@/lib/simulator';
import { localToEpoch } from '@/lib/simulator/time-zone';
import { DAY, HOUR, MIN, parked, setup } from './helpers';

/**
 * Issue 14, part 1: what real owners do to their cars. Each behaviour shows in vehicle_data with
 * the real payload's fields at the right moment, and in the ground truth as an awake stretch with
 * its reason. Worlds start Monday 2026-01-05 00:00 UTC (01:00 in Amsterdam, 08:00 in Perth).
 */
type Body = Record<string, Record<string, unknown>>;
const AMS = 'Europe/Amsterdam';
/** Epoch ms of a local wall-clock time in January 2026. */
const local = (tz: string, day: number, hh: number, mm = 0) => localToEpoch(tz, 2026, 1, day, hh * 60 + mm);

/** `base` with `life` (and spec overrides) on its first car only, and no place without signal. */
function withLife(base: Scenario, life: LifeSpec, overrides: Partial<VehicleSpec> = {}): Scenario {
  const [first] = base.vehicles;
  if (!first) throw new Error('no vehicle');
  return {
    ...base,
    places: base.places.map((p) => ({ ...p, noSignalChance: 0 })),
    vehicles: [{ ...first, ...overrides, life }],
  };
}

function client(scenario: Scenario) {
  const { sim, call } = setup({ scenario, seed: 1 });
  const vin = scenario.vehicles[0]?.vin ?? '';
  const state = async () => ((await call(`/api/1/vehicles/${vin}`)).body?.response as { state: string }).state;
  const data = async () => {
    const res = await call(`/api/1/vehicles/${vin}/vehicle_data`);
    return { status: res.status, body: (res.body?.response ?? null) as Body | null };
  };
  const stretches = (reason: AwakeReason) => sim.groundTruth().awake.filter((a) => a.vin === vin && a.reason === reason);
  return { sim, call, vin, state, data, stretches };
}

describe('the owner opening the phone app', () => {
  it('wakes the parked car a few minutes at a time, then it idles its sleep timer and sleeps', async () => {
    const scenario = withLife(parked(commuter), { appOpens: { perDay: [3, 3], minutes: [4, 4], beforeDeparture: 0 } });
    const { sim, stretches } = client(scenario);
    sim.advanceBy(2 * DAY);
    const apps = stretches('app');
    expect(apps).toHaveLength(6);
    const gt = sim.groundTruth();
    for (const a of apps) {
      expect(a.end - a.start).toBe(4 * MIN);
      // Each open woke the sleeping car, unless it came while the car was still awake from the last one.
      const woke = gt.wakes.some((w) => w.cause === 'app' && w.at === a.start);
      const stillAwake = gt.awake.some((s) => s.end === a.start);
      expect(woke || stillAwake).toBe(true);
    }
    // After the world's first quiet quarter hour, every sleep follows an app open and 15 idle minutes.
    const sleeps = gt.sleeps.slice(1);
    expect(sleeps.length).toBeGreaterThanOrEqual(4);
    for (const sl of sleeps) {
      const before = gt.awake.filter((s) => s.end <= sl.start).slice(-2);
      expect(before.map((s) => s.reason)).toEqual(['app', 'idle']);
      expect(before[1]).toMatchObject({ start: before[0]!.end, end: sl.start });
      expect(sl.start - before[1]!.start).toBe(15 * MIN);
    }
    const first = apps[0]!;
    const fresh = client(scenario);
    fresh.sim.advanceTo(first.start - MIN);
    expect(await fresh.state()).toBe('asleep');
    fresh.sim.advanceTo(first.start + 2 * MIN);
    expect(await fresh.state()).toBe('online');
    expect((await fresh.data()).status).toBe(200);
  });

  it('opens it shortly before departures from home', () => {
    const scenario = withLife(commuter, { appOpens: { perDay: [0, 0], minutes: [2, 5], beforeDeparture: 1 } });
    const { sim, stretches } = client(scenario);
    sim.advanceBy(7 * DAY);
    const apps = stretches('app');
    const fromHome = sim.groundTruth().drives.filter((d) => d.from === 'home');
    expect(fromHome.length).toBeGreaterThan(5);
    for (const d of fromHome) {
      const before = apps.filter((a) => a.start >= d.start - 21 * MIN && a.start <= d.start - 4 * MIN);
      expect(before, new Date(d.start).toISOString()).toHaveLength(1);
    }
  });
});

describe('Sentry mode', () => {
  it('keeps the car awake while parked away from home, with vehicle_state.sentry_mode true', async () => {
    const scenario = withLife(commuter, { sentry: { exclude: ['home'] } });
    const { sim, state, data, stretches } = client(scenario);
    sim.advanceTo(local(AMS, 5, 12));
    expect(await state()).toBe('online');
    const at = await data();
    expect(at.body?.vehicle_state?.sentry_mode).toBe(true);
    sim.advanceTo(local(AMS, 5, 23));
    expect(await state()).toBe('asleep');
    const drives = sim.groundTruth().drives;
    const toWork = drives.find((d) => d.to === 'work')!;
    const back = drives.find((d) => d.from === 'work')!;
    const sentry = stretches('sentry');
    expect(sentry).toHaveLength(1);
    expect(sentry[0]).toMatchObject({ start: toWork.end, end: back.start });
    expect(back.start - toWork.end!).toBeGreaterThan(7 * HOUR);
    expect(sim.groundTruth().sleeps.filter((s) => s.start > toWork.end! && s.start < back.start)).toHaveLength(0);
  });

  it('stays off where it is excluded: the car sleeps at work', async () => {
    const { sim, state, stretches } = client(withLife(commuter, { sentry: { exclude: ['home', 'work'] } }));
    sim.advanceTo(local(AMS, 5, 12));
    expect(await state()).toBe('asleep');
    expect(stretches('sentry')).toHaveLength(0);
  });
});

describe('scheduled charging and scheduled departure', () => {
  it('wakes at the scheduled charging time and at the preconditioning start, with the charge_state and climate_state fields', async () => {
    // Commuter: plugs in on arrival, charging scheduled at 00:30; departure scheduled 07:00 on weekdays.
    const scenario = withLife(commuter, { scheduledDeparture: { minutes: 420, weekdays: [1, 2, 3, 4, 5], preconditionMinutes: 20 } });
    const { sim, state, data, stretches } = client(scenario);
    sim.advanceTo(local(AMS, 5, 20));
    const arrived = sim.groundTruth().drives.find((d) => d.to === 'home')!;
    // Right after arriving home Monday evening: plugged in, Stopped, waiting for 00:30.
    const fresh = client(scenario);
    fresh.sim.advanceTo(arrived.end! + 5 * MIN);
    const evening = await fresh.data();
    const cs = evening.body?.charge_state;
    expect(cs?.charging_state).toBe('Stopped');
    expect(cs?.scheduled_charging_mode).toBe('StartAt');
    expect(cs?.scheduled_charging_pending).toBe(true);
    expect(cs?.scheduled_charging_start_time).toBe(local(AMS, 6, 0, 30) / 1000);
    expect(cs?.preconditioning_enabled).toBe(true);
    expect(cs?.preconditioning_times).toBe('weekdays');
    expect(cs?.scheduled_departure_time).toBe(local(AMS, 6, 7) / 1000);
    expect(cs?.scheduled_departure_time_minutes).toBe(420);
    expect(evening.body?.climate_state?.is_preconditioning).toBe(false);

    sim.advanceTo(local(AMS, 6, 0, 29));
    expect(await state()).toBe('asleep');
    sim.advanceTo(local(AMS, 6, 0, 35));
    expect(await state()).toBe('online');
    expect((await data()).body?.charge_state?.charging_state).toBe('Charging');
    const scheduled = stretches('scheduled_charging');
    expect(scheduled[0]?.start).toBe(local(AMS, 6, 0, 30));

    sim.advanceTo(local(AMS, 6, 6, 35));
    expect(await state()).toBe('asleep');
    sim.advanceTo(local(AMS, 6, 6, 50));
    expect(await state()).toBe('online');
    const morning = await data();
    expect(morning.body?.climate_state?.is_preconditioning).toBe(true);
    expect(morning.body?.climate_state?.is_climate_on).toBe(true);
    sim.advanceTo(local(AMS, 6, 7, 5));
    const pre = stretches('preconditioning').filter((s) => s.start > local(AMS, 6, 0));
    expect(pre).toHaveLength(1);
    expect(pre[0]).toMatchObject({ start: local(AMS, 6, 6, 40), end: local(AMS, 6, 7) });
    expect(sim.groundTruth().wakes.find((w) => w.at === local(AMS, 6, 6, 40))?.cause).toBe('preconditioning');
  });
});

describe('climate keeper and Cabin Overheat Protection (Perth in January)', () => {
  const pebble = (life: LifeSpec): Scenario => ({ ...realLife, vehicles: [{ ...realLife.vehicles[1]!, life }] });

  it("Dog Mode stays on for the whole stay: climate_keeper_mode 'dog', climate on", async () => {
    const scenario = pebble({ climateKeeper: { mode: 'dog', at: ['shop', 'leisure', 'work'], chance: 1 } });
    const { sim, stretches } = client(scenario);
    sim.advanceBy(3 * DAY);
    const drives = sim.groundTruth().drives;
    const out = drives.find((d) => d.from === 'home')!;
    const back = drives.find((d) => d.start > out.start && d.to === 'home')!;
    const keeper = stretches('climate_keeper');
    expect(keeper[0]).toMatchObject({ start: out.end, end: back.start });
    const fresh = client(scenario);
    fresh.sim.advanceTo(out.end! + 10 * MIN);
    const body = (await fresh.data()).body;
    expect(body?.climate_state).toMatchObject({ climate_keeper_mode: 'dog', is_climate_on: true });
    fresh.sim.advanceTo(back.end! + 5 * MIN);
    expect((await fresh.data()).body?.climate_state?.climate_keeper_mode).toBe('off');
  });

  it('cools a hot cabin while parked, within 12 h of parking, in the daytime', async () => {
    const scenario = pebble({ cabinOverheat: { activation: 'Medium' } });
    const { sim, stretches } = client(scenario);
    sim.advanceBy(7 * DAY);
    const cop = stretches('cabin_overheat');
    expect(cop.length).toBeGreaterThan(0);
    const drives = sim.groundTruth().drives;
    for (const s of cop) {
      const arrival = drives.filter((d) => d.end !== null && d.end <= s.start).at(-1)!;
      expect(drives.some((d) => d.start < s.end && (d.end ?? Infinity) > s.start)).toBe(false);
      expect(s.end - arrival.end!).toBeLessThanOrEqual(12 * HOUR);
      // Only while the sun is up in Perth.
      const hour = (new Date(s.start).getUTCHours() + 8) % 24;
      expect(hour).toBeGreaterThanOrEqual(7);
      expect(hour).toBeLessThan(20);
    }
    const first = cop[0]!;
    const fresh = client(scenario);
    fresh.sim.advanceTo(first.start + Math.floor((first.end - first.start) / 2 / MIN) * MIN);
    expect(await fresh.state()).toBe('online');
    const climate = (await fresh.data()).body?.climate_state;
    expect(climate).toMatchObject({
      cabin_overheat_protection: 'On',
      cabin_overheat_protection_actively_cooling: true,
      cop_activation_temperature: 'Medium',
      climate_keeper_mode: 'off',
      inside_temp: 35,
    });
  });
});

describe('software updates', () => {
  const releaseJan6 = (): LifeSpec => ({
    softwareUpdates: {
      releases: [{ version: '2026.2.6 5d3c9a1e7b20', date: '2026-01-06' }],
      downloadMinutes: [40, 40],
      installMinutes: [30, 30],
      installAtMinutes: 180,
    },
  });

  it('downloads while parked at home, installs at night with the car offline, then reports the new car_version', async () => {
    const scenario = withLife(parked(commuter), releaseJan6());
    const { sim, call, vin, state, data, stretches } = client(scenario);
    sim.advanceTo(local(AMS, 6, 10, 20));
    const downloading = await data();
    expect(downloading.body?.vehicle_state?.car_version).toBe('2025.44.3 1a2b3c4d5e6f');
    expect(downloading.body?.vehicle_state?.software_update).toMatchObject({
      status: 'downloading',
      version: '2026.2.6',
      download_perc: 50,
    });
    sim.advanceTo(local(AMS, 6, 10, 45));
    expect((await data()).body?.vehicle_state?.software_update).toMatchObject({
      status: 'available',
      download_perc: 100,
      version: '2026.2.6',
    });
    expect(stretches('update_download')).toEqual([
      { vin, start: local(AMS, 6, 10), end: local(AMS, 6, 10, 40), reason: 'update_download' },
    ]);

    // Woken in the night (a client's wake_up): the install is scheduled for 03:00.
    sim.advanceTo(local(AMS, 7, 1));
    expect(await state()).toBe('asleep');
    await call(`/api/1/vehicles/${vin}/wake_up`, { method: 'POST' });
    sim.advanceBy(MIN);
    expect((await data()).body?.vehicle_state?.software_update).toMatchObject({ status: 'scheduled', scheduled_time_ms: local(AMS, 7, 3) });
    expect(stretches('api').length).toBeGreaterThan(0);

    sim.advanceTo(local(AMS, 7, 3, 3));
    expect(await state()).toBe('online');
    expect((await data()).body?.vehicle_state?.software_update).toMatchObject({
      status: 'installing',
      install_perc: 10,
      expected_duration_sec: 1800,
    });
    sim.advanceTo(local(AMS, 7, 3, 15));
    expect(await state()).toBe('offline');
    const offline = await data();
    expect(offline.status).toBe(408);
    sim.advanceTo(local(AMS, 7, 3, 35));
    expect(await state()).toBe('online');
    const after = (await data()).body?.vehicle_state;
    expect(after?.car_version).toBe('2026.2.6 5d3c9a1e7b20');
    expect(after?.software_update).toMatchObject({ status: '', install_perc: 1, download_perc: 0, version: ' ' });
    expect(stretches('update_install')).toEqual([{ vin, start: local(AMS, 7, 3), end: local(AMS, 7, 3, 30), reason: 'update_install' }]);
    expect(sim.groundTruth().offline).toEqual([{ vin, start: local(AMS, 7, 3, 6), end: local(AMS, 7, 3, 30) }]);
  });

  it('waits for home Wi-Fi to download: downloading_wifi_wait while away', async () => {
    const scenario = withLife(commuter, releaseJan6());
    const { sim, call, vin, data, stretches } = client(scenario);
    sim.advanceTo(local(AMS, 6, 12));
    await call(`/api/1/vehicles/${vin}/wake_up`, { method: 'POST' });
    sim.advanceBy(MIN);
    const body = (await data()).body;
    expect(body?.vehicle_state?.software_update).toMatchObject({ status: 'downloading_wifi_wait', download_perc: 0 });
    sim.advanceTo(local(AMS, 7, 4));
    const back = sim.groundTruth().drives.find((d) => d.to === 'home' && d.start > local(AMS, 6, 10))!;
    expect(stretches('update_download')[0]?.start).toBe(back.end);
  });
});

describe('losing signal mid-drive and mid-charge', () => {
  it('reports offline for a while in the middle of a drive, then online again before arriving', async () => {
    const scenario = withLife(commuter, { offlineSpells: { driveChance: 1, chargeChance: 0, minutes: [6, 6] } });
    const { sim } = client(scenario);
    sim.advanceTo(local(AMS, 5, 12));
    const drive = sim.groundTruth().drives[0]!;
    const spell = sim.groundTruth().offline[0]!;
    if (spell.end === null) throw new Error('spell still open');
    const spellEnd = spell.end;
    expect(spell.start).toBeGreaterThan(drive.start);
    expect(spell.end).toBe(spell.start + 6 * MIN);
    expect(spell.end).toBeLessThan(drive.end!);
    const fresh = client(scenario);
    fresh.sim.advanceTo(spell.start + 3 * MIN);
    expect(await fresh.state()).toBe('offline');
    expect((await fresh.data()).status).toBe(408);
    expect(fresh.sim.groundTruth().drives[0]?.end).toBeNull();
    fresh.sim.advanceTo(spellEnd + MIN);
    expect(await fresh.state()).toBe('online');
    expect((await fresh.data()).body?.drive_state?.shift_state).toBe('D');
    const awake = fresh.sim.groundTruth().awake.filter((a) => a.start < spellEnd && a.end > spell.start);
    expect(awake.map((a) => a.reason)).toEqual(['driving']);
  });

  it('reports offline in the middle of a charge while the charge goes on', async () => {
    const scenario = withLife(commuter, { offlineSpells: { driveChance: 0, chargeChance: 1, minutes: [6, 6] } });
    const { sim } = client(scenario);
    sim.advanceTo(local(AMS, 6, 6));
    const charge = sim.groundTruth().charges.find((c) => c.firstPowerAt !== null)!;
    const spell = sim.groundTruth().offline[0]!;
    if (spell.end === null) throw new Error('spell still open');
    expect(spell.start).toBeGreaterThan(charge.firstPowerAt!);
    expect(spell.end).toBeLessThan(charge.lastPowerAt!);
    const fresh = client(scenario);
    fresh.sim.advanceTo(spell.start + MIN);
    expect(await fresh.state()).toBe('offline');
    expect((await fresh.data()).status).toBe(408);
    const kwh = fresh.sim.groundTruth().charges.find((c) => c.id === charge.id)!.energyIntoBatteryKwh;
    fresh.sim.advanceTo(spell.end + MIN);
    expect(await fresh.state()).toBe('online');
    expect(fresh.sim.groundTruth().charges.find((c) => c.id === charge.id)!.energyIntoBatteryKwh).toBeGreaterThan(kwh + 0.5);
  });
});
