import { describe, expect, it } from 'vitest';
import { acPhaseFactor, deriveChargingSessions, type VehicleStateRow } from '@/lib/stats';
import { acCharging, at, HOUR, MIN, state, sum } from './helpers';

const opts = { vehicleId: 'v1', now: at('2026-03-02T12:00:00Z') };

/** 18:05 plug-in at home, 11 kW AC at 90 %, 9.936 kW into the battery, Complete at 10 kWh. */
const fullAc: VehicleStateRow[] = [
  state('2026-03-01T18:00:00Z', { batteryLevel: 40, chargeEnergyAddedKwh: 7.5 }),
  state('2026-03-01T18:05:00Z', {
    chargingState: 'Starting',
    batteryLevel: 40,
    chargeEnergyAddedKwh: 7.5,
    fastChargerType: 'ACSingleWireCAN',
  }),
  acCharging('2026-03-01T18:15:00Z', 1.656, 42),
  acCharging('2026-03-01T18:30:00Z', 4.14, 45),
  acCharging('2026-03-01T18:45:00Z', 6.624, 49),
  acCharging('2026-03-01T19:00:00Z', 9.108, 52),
  state('2026-03-01T19:10:00Z', { chargingState: 'Complete', batteryLevel: 53, chargeEnergyAddedKwh: 10 }),
  state('2026-03-01T20:00:00Z', { chargingState: 'Complete', batteryLevel: 53, chargeEnergyAddedKwh: 10 }),
  state('2026-03-01T21:00:00Z', { batteryLevel: 53, chargeEnergyAddedKwh: 10 }),
];

describe('deriveChargingSessions', () => {
  it('derives a fully observed AC charge, ignoring the stale counter of the Starting sample', () => {
    const [s, ...rest] = deriveChargingSessions(fullAc, opts);
    expect(rest).toHaveLength(0);
    expect(s?.sessionKey).toBe('v1:2026-03-01T18:05:00.000Z');
    expect(s?.source).toBe('polled');
    expect(s?.open).toBe(false);
    expect(s?.startedAt).toEqual(at('2026-03-01T18:05:00Z'));
    expect(s?.endObservedAt).toEqual(at('2026-03-01T19:10:00Z'));
    // 0.892 kWh after 19:00 at ~9.9 kW into the battery: energy stopped ~5.4 min later.
    expect((s?.endedAt?.getTime() ?? 0) - at('2026-03-01T19:00:00Z').getTime()).toBeGreaterThan(5 * MIN);
    expect((s?.endedAt?.getTime() ?? 0) - at('2026-03-01T19:00:00Z').getTime()).toBeLessThan(6 * MIN);
    expect(s?.startBatteryLevel).toBe(40);
    expect(s?.endBatteryLevel).toBe(53);
    expect(s?.energyAddedKwh).toBe(10);
    expect(s?.efficiency).toBeCloseTo(0.9, 3);
    expect(s?.energyUsedKwh).toBeCloseTo(11.11, 2);
    expect(s?.peakPowerKw).toBeCloseTo(11.04, 2);
    expect(s?.averagePowerKw).toBeCloseTo(11.04, 1);
    expect(s?.chargerKind).toBe('ac');
    expect(sum(s?.profile.map((p) => p.kwh) ?? [])).toBeCloseTo(s?.energyUsedKwh ?? 0, 6);
  });

  it('keeps the full energy of a charge first seen half-way and dates its start back', () => {
    const states = [
      state('2026-03-01T22:00:00Z', { batteryLevel: 30, chargeEnergyAddedKwh: 10 }),
      state('2026-03-01T22:10:00Z', {
        chargingState: 'Stopped',
        batteryLevel: 30,
        chargeEnergyAddedKwh: 10,
        fastChargerType: 'ACSingleWireCAN',
      }),
      acCharging('2026-03-02T01:00:00Z', 19.872, 57),
      acCharging('2026-03-02T01:15:00Z', 22.356, 60),
      state('2026-03-02T01:30:00Z', { chargingState: 'Complete', batteryLevel: 61, chargeEnergyAddedKwh: 23 }),
    ];
    const [s] = deriveChargingSessions(states, opts);
    expect(s?.energyAddedKwh).toBe(23);
    expect(s?.energyUsedKwh).toBeCloseTo(23 / 0.9, 2);
    expect(s?.startBatteryLevel).toBe(30);
    expect(s?.sessionKey).toBe('v1:2026-03-02T01:00:00.000Z');
    expect(Math.abs((s?.startedAt.getTime() ?? 0) - at('2026-03-01T23:00:00Z').getTime())).toBeLessThan(MIN);
    expect(s?.profile[0]?.from).toEqual(s?.startedAt);
  });

  it('classifies a tapering Supercharger session and integrates its power', () => {
    const powers = [250, 240, 180, 130, 95, 70, 50];
    const states: VehicleStateRow[] = [state('2026-03-03T14:00:00Z', { batteryLevel: 12, odometerKm: 10_250 })];
    let added = 0;
    powers.forEach((p, i) => {
      if (i > 0) added += 0.95 * (((powers[i - 1] ?? 0) + p) / 2) * (5 / 60);
      states.push(
        state(new Date(at('2026-03-03T14:02:00Z').getTime() + i * 5 * MIN), {
          odometerKm: 10_250,
          chargingState: 'Charging',
          chargeEnergyAddedKwh: Math.round(added * 100) / 100,
          batteryLevel: 12 + i * 8,
          chargerPowerKw: p,
          chargerVoltage: 390,
          fastChargerPresent: true,
          fastChargerType: 'Supercharger',
        }),
      );
    });
    states.push(
      state('2026-03-03T14:40:00Z', { odometerKm: 10_250, batteryLevel: 62, chargeEnergyAddedKwh: Math.round(added * 100) / 100 }),
    );
    const [s] = deriveChargingSessions(states, opts);
    expect(s?.chargerKind).toBe('supercharger');
    expect(s?.peakPowerKw).toBe(250);
    expect(s?.efficiency).toBeCloseTo(0.95, 2);
    expect(s?.energyUsedKwh).toBeCloseTo(added / 0.95, 1);
    expect(s?.averagePowerKw).toBeGreaterThan(50);
    expect(s?.averagePowerKw).toBeLessThan(250);
    expect(s?.startBatteryLevel).toBe(12);
  });

  it('never reports a peak below the average: two samples of a fast charge seen only at its tapering ends', async () => {
    // 40.5 kWh in 22 minutes is at least 110 kW on average; the sync saw the car only at 88 and 60 kW.
    const dc = {
      odometerKm: 10_250,
      chargingState: 'Charging',
      chargerVoltage: 390,
      fastChargerPresent: true,
      fastChargerType: 'Supercharger',
    };
    const states = [
      state('2026-03-03T14:00:00Z', { ...dc, chargeEnergyAddedKwh: 0.5, batteryLevel: 20, chargerPowerKw: 88 }),
      state('2026-03-03T14:22:00Z', { ...dc, chargeEnergyAddedKwh: 41, batteryLevel: 75, chargerPowerKw: 60 }),
      state('2026-03-03T14:25:00Z', { odometerKm: 10_250, batteryLevel: 75, chargeEnergyAddedKwh: 41 }),
    ];
    const [s] = deriveChargingSessions(states, opts);
    expect(s?.averagePowerKw).toBeGreaterThan(100);
    expect(s?.peakPowerKw).toBeGreaterThanOrEqual(s!.averagePowerKw!);
  });

  it('merges a NoPower pause into one session while the counter carries on, and splits on a reset', () => {
    const states = [
      state('2026-03-04T20:00:00Z'),
      acCharging('2026-03-04T20:10:00Z', 1, 50),
      acCharging('2026-03-04T20:20:00Z', 2.6, 52),
      state('2026-03-04T20:30:00Z', { chargingState: 'NoPower', chargeEnergyAddedKwh: 3, batteryLevel: 53 }),
      acCharging('2026-03-04T21:30:00Z', 4, 54),
      state('2026-03-04T21:40:00Z', { chargingState: 'Complete', chargeEnergyAddedKwh: 5, batteryLevel: 55 }),
      acCharging('2026-03-05T06:00:00Z', 0.5, 55),
      state('2026-03-05T06:10:00Z', { chargingState: 'Complete', chargeEnergyAddedKwh: 1.2, batteryLevel: 56 }),
    ];
    const sessions = deriveChargingSessions(states, opts);
    expect(sessions.map((s) => s.energyAddedKwh)).toEqual([5, 1.2]);
    expect(sessions[0]?.endObservedAt).toEqual(at('2026-03-04T21:40:00Z'));
  });

  it('infers a session that happened between two observations from the counter alone', () => {
    const states = [
      state('2026-03-06T08:00:00Z', { chargeEnergyAddedKwh: 5, batteryLevel: 40 }),
      state('2026-03-06T20:00:00Z', { chargeEnergyAddedKwh: 12.4, batteryLevel: 58, odometerKm: 10_020 }),
      state('2026-03-06T21:00:00Z', { chargeEnergyAddedKwh: 12.4, batteryLevel: 58, odometerKm: 10_020 }),
    ];
    const sessions = deriveChargingSessions(states, opts);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.source).toBe('inferred');
    expect(sessions[0]?.energyAddedKwh).toBe(12.4);
    expect(sessions[0]?.energyUsedKwh).toBeNull();
    expect(sessions[0]?.startedAt).toEqual(at('2026-03-06T08:00:00Z'));
    expect(sessions[0]?.endedAt).toEqual(at('2026-03-06T20:00:00Z'));
  });

  it('takes a counter that moved back by jitter for no charge, and a real reset for one', () => {
    const jitter = [
      state('2026-03-06T08:00:00Z', { chargeEnergyAddedKwh: 14.06, batteryLevel: 80 }),
      state('2026-03-06T16:15:00Z', { chargeEnergyAddedKwh: 14.05, batteryLevel: 79, odometerKm: 10_020 }),
    ];
    expect(deriveChargingSessions(jitter, opts)).toEqual([]);
    const reset = [jitter[0]!, state('2026-03-06T16:15:00Z', { chargeEnergyAddedKwh: 13.9, batteryLevel: 95, odometerKm: 10_020 })];
    expect(deriveChargingSessions(reset, opts).map((x) => [x.source, x.energyAddedKwh])).toEqual([['inferred', 13.9]]);
  });

  it('flags an ongoing session as open, and stale once the car went quiet', () => {
    const ongoing = fullAc.slice(0, 5);
    const [fresh] = deriveChargingSessions(ongoing, { vehicleId: 'v1', now: at('2026-03-01T18:50:00Z') });
    expect(fresh?.open).toBe(true);
    expect(fresh?.stale).toBe(false);
    expect(fresh?.endedAt).toBeNull();
    const [quiet] = deriveChargingSessions(ongoing, { vehicleId: 'v1', now: new Date(at('2026-03-01T18:45:00Z').getTime() + 3 * HOUR) });
    expect(quiet?.stale).toBe(true);
  });

  it('keeps the session key when re-derived from more states, in any order', () => {
    const early = deriveChargingSessions(fullAc.slice(0, 4), opts)[0];
    const late = deriveChargingSessions([...fullAc].reverse(), opts)[0];
    expect(early?.open).toBe(true);
    expect(late?.sessionKey).toBe(early?.sessionKey);
  });
});

describe('acPhaseFactor', () => {
  const sample = (v: number, a: number, phases: number, kw: number) =>
    acCharging('2026-03-01T00:00:00Z', 1, 50, { chargerVoltage: v, chargerActualCurrent: a, chargerPhases: phases, chargerPowerKw: kw });
  it('trusts the reported phases when V·I·phases agrees with charger_power', () => {
    expect(acPhaseFactor([sample(230, 16, 3, 11)])).toBe(3);
    expect(acPhaseFactor([sample(240, 32, 1, 8)])).toBe(1);
  });
  it('uses √3 when a 3-phase car reports line-to-line voltage (the Tesla quirk)', () => {
    expect(acPhaseFactor([sample(400, 16, 3, 11)])).toBeCloseTo(Math.sqrt(3), 6);
  });
  it('falls back to the measured count, or to null when nothing fits', () => {
    expect(acPhaseFactor([sample(230, 16, 1, 11)])).toBe(3);
    expect(acPhaseFactor([sample(230, 16, 3, 5)])).toBeNull();
  });
});
