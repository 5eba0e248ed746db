import { describe, expect, it } from 'vitest';
import { deriveDrives } from '@/lib/stats';
import { at, MIN, state } from './helpers';

const opts = { vehicleId: 'v1', batteryCapacityKwh: 75 };
const drivingAt = (iso: string, odo: number, speed: number, level: number) =>
  state(iso, { shiftState: 'D', odometerKm: odo, speedKmh: speed, batteryLevel: level, latitude: 52.4, longitude: 4.7 });

describe('deriveDrives', () => {
  it('starts a drive first seen under way at the last parked reading', () => {
    const states = [
      state('2026-03-02T07:00:00Z', { odometerKm: 10_000, batteryLevel: 80, shiftState: null }),
      drivingAt('2026-03-02T08:15:00Z', 10_012, 60, 78),
      drivingAt('2026-03-02T08:25:00Z', 10_022, 60, 77),
      state('2026-03-02T08:40:00Z', { odometerKm: 10_030, batteryLevel: 76, latitude: 52.5, longitude: 4.9 }),
    ];
    const [d, ...rest] = deriveDrives(states, opts);
    expect(rest).toHaveLength(0);
    expect(d?.inferred).toBe(false);
    expect(d?.startOdometerKm).toBe(10_000);
    expect(d?.distanceKm).toBe(30);
    expect(d?.startBatteryLevel).toBe(80);
    // 12 km already covered at 60 km/h: started ~12 min before the first moving sample, not at 07:00.
    expect(d?.startedAt).toEqual(at('2026-03-02T08:03:00Z'));
    // 8 km left after the last moving sample at 60 km/h: 8 min.
    expect(d?.endedAt).toEqual(at('2026-03-02T08:33:00Z'));
    expect(d?.durationMin).toBe(30);
    expect(d?.energyUsedKwh).toBe(3);
    expect(d?.whPerKm).toBe(100);
    expect(d?.maxSpeedKmh).toBe(60);
    expect(d?.endLatitude).toBe(52.5);
    expect(d?.driveKey).toBe('v1:2026-03-02T08:03:00.000Z');
  });

  it('never dates a start before the last parked sample', () => {
    const states = [
      state('2026-03-02T08:10:00Z'),
      drivingAt('2026-03-02T08:12:00Z', 10_030, 30, 50),
      state('2026-03-02T08:30:00Z', { odometerKm: 10_035 }),
    ];
    expect(deriveDrives(states, opts)[0]?.startedAt).toEqual(at('2026-03-02T08:10:00Z'));
  });

  it('infers a drive when the odometer moved between two parked observations', () => {
    const states = [
      state('2026-03-03T09:00:00Z', { odometerKm: 10_000, batteryLevel: 70 }),
      state('2026-03-03T18:00:00Z', { odometerKm: 10_041.5, batteryLevel: 62, latitude: 52.1 }),
    ];
    const [d] = deriveDrives(states, opts);
    expect(d?.inferred).toBe(true);
    expect(d?.distanceKm).toBe(41.5);
    expect(d?.startedAt).toEqual(at('2026-03-03T09:00:00Z'));
    expect(d?.endedAt).toEqual(at('2026-03-03T18:00:00Z'));
    expect(d?.energyUsedKwh).toBe(6);
    expect(d?.sampleCount).toBe(0);
  });

  it('drops the energy of an inferred drive when the battery rose (it also charged)', () => {
    const states = [
      state('2026-03-03T09:00:00Z', { batteryLevel: 40 }),
      state('2026-03-03T18:00:00Z', { odometerKm: 10_050, batteryLevel: 70 }),
    ];
    expect(deriveDrives(states, opts)[0]?.energyUsedKwh).toBeNull();
  });

  it('prefers rated range × efficiency factor for energy', () => {
    const states = [
      state('2026-03-03T09:00:00Z', { batteryRangeKm: 300 }),
      drivingAt('2026-03-03T09:10:00Z', 10_005, 50, 49),
      state('2026-03-03T09:30:00Z', { odometerKm: 10_020, batteryRangeKm: 277 }),
    ];
    expect(deriveDrives(states, { vehicleId: 'v1', kwhPerRatedKm: 0.15, batteryCapacityKwh: 75 })[0]?.energyUsedKwh).toBeCloseTo(3.45, 6);
  });

  it('keeps an ongoing drive open with a stable key, and drops a driveway shuffle', () => {
    const states = [
      state('2026-03-04T07:00:00Z'),
      drivingAt('2026-03-04T07:05:00Z', 10_000, 0, 50),
      state('2026-03-04T07:06:00Z'),
      drivingAt('2026-03-04T08:00:00Z', 10_002, 40, 50),
    ];
    const drives = deriveDrives(states, opts);
    expect(drives).toHaveLength(1);
    expect(drives[0]?.open).toBe(true);
    expect(drives[0]?.endedAt).toBeNull();
    const later = deriveDrives(
      [...states, drivingAt('2026-03-04T08:10:00Z', 10_009, 40, 49), state('2026-03-04T08:20:00Z', { odometerKm: 10_010 })],
      opts,
    );
    expect(later[0]?.driveKey).toBe(drives[0]?.driveKey);
    expect(later[0]?.open).toBe(false);
    expect((later[0]?.endedAt?.getTime() ?? 0) - at('2026-03-04T08:10:00Z').getTime()).toBe(1.5 * MIN);
  });
});
