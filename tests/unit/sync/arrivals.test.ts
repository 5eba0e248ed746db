import { describe, expect, it } from 'vitest';
import type { StateRow } from '@/db/queries/sync-vehicles';
import { projectArrivals, projectChargeEnds } from '@/lib/sync/arrivals';

const at = (m: number) => new Date(Date.UTC(2026, 2, 2, 7, m));
const row = (m: number, over: Partial<StateRow>): StateRow =>
  ({
    id: `s${m}`,
    vehicleId: 'v',
    timestamp: at(m),
    odometerKm: 100,
    batteryLevel: 60,
    chargingState: 'Disconnected',
    chargeEnergyAddedKwh: 5,
    shiftState: null,
    latitude: 52,
    longitude: 4,
    destinationDistanceKm: null,
    destinationEta: null,
    destinationLatitude: null,
    destinationLongitude: null,
    ...over,
  }) as StateRow;

describe('projectArrivals', () => {
  const driving = row(10, {
    shiftState: 'D',
    odometerKm: 110,
    destinationDistanceKm: 12.5,
    destinationEta: at(22),
    destinationLatitude: 52.1,
    destinationLongitude: 4.2,
  });
  const nextDrive = row(600, { shiftState: 'D', odometerKm: 125 });

  it('ends a drive whose car went offline on arrival, from the route it reported', () => {
    const out = projectArrivals([row(0, {}), driving, nextDrive], [{ state: 'offline', startedAt: at(25) }]);
    expect(out).toHaveLength(4);
    const arrival = out[2]!;
    expect(arrival.shiftState).toBeNull();
    expect(arrival.odometerKm).toBe(122.5);
    expect(arrival.timestamp).toEqual(at(22));
    expect([arrival.latitude, arrival.longitude]).toEqual([52.1, 4.2]);
  });

  it('never dates the arrival after the check that found the car unreachable', () => {
    const out = projectArrivals([driving, nextDrive], [{ state: 'asleep', startedAt: at(15) }]);
    expect(out[1]!.timestamp).toEqual(at(15));
  });

  it('projects nothing without an unreachable check in between, or without route data', () => {
    expect(projectArrivals([driving, nextDrive], [])).toHaveLength(2);
    expect(
      projectArrivals([{ ...driving, destinationDistanceKm: null }, nextDrive], [{ state: 'offline', startedAt: at(25) }]),
    ).toHaveLength(2);
  });
});

describe('projectChargeEnds', () => {
  it('closes a charge whose car slept before the next sample, with the counter that sample kept', () => {
    const charging = row(0, { chargingState: 'Charging', chargeEnergyAddedKwh: 2 });
    const driving = row(500, { shiftState: 'D', odometerKm: 101, chargingState: 'Disconnected', chargeEnergyAddedKwh: 7.3 });
    const out = projectChargeEnds([charging, driving], [{ state: 'asleep', startedAt: at(60) }]);
    expect(out).toHaveLength(3);
    expect(out[1]!.chargingState).toBe('Complete');
    expect(out[1]!.chargeEnergyAddedKwh).toBe(7.3);
    expect(out[1]!.timestamp).toEqual(at(60));
    expect(out[1]!.odometerKm).toBe(100);
  });

  it('leaves a charge alone when the next sample still shows it plugged at the same spot', () => {
    const out = projectChargeEnds(
      [row(0, { chargingState: 'Charging' }), row(30, { chargingState: 'Complete', chargeEnergyAddedKwh: 9 })],
      [],
    );
    expect(out).toHaveLength(2);
  });
});
