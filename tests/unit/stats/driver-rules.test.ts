import { describe, expect, it } from 'vitest';
import { assignDriver, DriverRule, driverStats, planAssignments, statsOf, type AssignableDrive } from '@/lib/stats';

const RED = '11111111-1111-4111-8111-111111111111';
const BLUE = '22222222-2222-4222-8222-222222222222';
const HOME = '33333333-3333-4333-8333-333333333333';
const OFFICE = '44444444-4444-4444-8444-444444444444';
const drive = (startedAt: string, o: Partial<AssignableDrive> = {}): AssignableDrive => ({
  id: startedAt,
  vehicleId: RED,
  startedAt: new Date(startedAt),
  startLocationId: null,
  driverId: null,
  driverAssignment: null,
  ...o,
});

// 2026-03-09 is a Monday. Europe/Berlin is UTC+1 in March until the 29th, UTC+2 after.
const commuter = { id: 'anna', rules: [{ vehicleId: RED, days: [1, 2, 3, 4, 5], from: '07:00', to: '09:30' }] };
const night = { id: 'ben', rules: [{ days: [5, 6], from: '22:00', to: '04:00' }] };
const fromHome = { id: 'cleo', rules: [{ startLocationId: HOME }] };
const blueAnyTime = { id: 'dan', rules: [{ vehicleId: BLUE }] };

describe('assignDriver', () => {
  it('judges weekday and window in the injected time zone, [from, to)', () => {
    expect(assignDriver(drive('2026-03-09T06:30:00Z'), [commuter], 'Europe/Berlin')).toBe('anna'); // Mon 07:30 local
    expect(assignDriver(drive('2026-03-09T06:30:00Z'), [commuter], 'UTC')).toBeNull(); // Mon 06:30 UTC
    expect(assignDriver(drive('2026-03-09T08:30:00Z'), [commuter], 'Europe/Berlin')).toBeNull(); // 09:30 local: end excluded
    expect(assignDriver(drive('2026-03-09T08:29:00Z'), [commuter], 'Europe/Berlin')).toBe('anna');
    expect(assignDriver(drive('2026-03-08T06:30:00Z'), [commuter], 'Europe/Berlin')).toBeNull(); // Sunday
    // After the DST change (2026-03-29) 07:30 Berlin is 05:30 UTC.
    expect(assignDriver(drive('2026-03-30T05:30:00Z'), [commuter], 'Europe/Berlin')).toBe('anna');
    expect(assignDriver(drive('2026-03-30T06:30:00Z'), [commuter], 'Europe/Berlin')).toBe('anna');
    expect(assignDriver(drive('2026-03-30T07:30:00Z'), [commuter], 'Europe/Berlin')).toBeNull(); // 09:30 CEST
  });

  it('a window past midnight belongs to the day it starts on', () => {
    expect(assignDriver(drive('2026-03-13T22:30:00Z'), [night], 'UTC')).toBe('ben'); // Fri 22:30
    expect(assignDriver(drive('2026-03-14T03:59:00Z'), [night], 'UTC')).toBe('ben'); // Sat 03:59, Friday's window
    expect(assignDriver(drive('2026-03-16T03:00:00Z'), [night], 'UTC')).toBeNull(); // Mon 03:00: Sunday not listed
    expect(assignDriver(drive('2026-03-15T03:00:00Z'), [night], 'UTC')).toBe('ben'); // Sun 03:00, Saturday's window
  });

  it('matches the car and the start place; every criterion of a rule must match', () => {
    expect(assignDriver(drive('2026-03-09T06:30:00Z', { vehicleId: BLUE }), [commuter], 'Europe/Berlin')).toBeNull();
    expect(assignDriver(drive('2026-03-09T12:00:00Z', { startLocationId: HOME }), [fromHome], 'UTC')).toBe('cleo');
    expect(assignDriver(drive('2026-03-09T12:00:00Z', { startLocationId: OFFICE }), [fromHome], 'UTC')).toBeNull();
    expect(assignDriver(drive('2026-03-09T12:00:00Z', { vehicleId: BLUE }), [blueAnyTime], 'UTC')).toBe('dan');
  });

  it('takes the first matching driver in the order given (priority)', () => {
    const d = drive('2026-03-09T06:30:00Z', { startLocationId: HOME });
    expect(assignDriver(d, [commuter, fromHome], 'Europe/Berlin')).toBe('anna');
    expect(assignDriver(d, [fromHome, commuter], 'Europe/Berlin')).toBe('cleo');
  });

  it('ignores a stored rule that does not parse instead of throwing', () => {
    const broken = { id: 'x', rules: [{ days: [9] }, 'nonsense', null, { from: '07:00' }] };
    expect(assignDriver(drive('2026-03-09T06:30:00Z'), [broken, commuter], 'Europe/Berlin')).toBe('anna');
  });
});

describe('DriverRule', () => {
  it('accepts a full rule and refuses half windows, bad days, unknown keys and empty rules', () => {
    expect(DriverRule.parse({ vehicleId: RED, days: [1, 2], from: '07:00', to: '24:00', startLocationId: HOME })).toMatchObject({
      to: '24:00',
    });
    for (const bad of [
      { from: '07:00' },
      { days: [7] },
      { days: [1, 1] },
      { days: [] },
      { from: '7:00', to: '09:00' },
      { colour: 'red' },
      {},
      { to: '24:01', from: '01:00' },
    ]) {
      expect(DriverRule.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('planAssignments', () => {
  it('never touches hand assignments, clears rule assignments that no longer match, writes only changes', () => {
    const drives = [
      drive('2026-03-09T06:30:00Z', { id: 'a' }), // matches anna, unassigned → anna
      drive('2026-03-09T06:40:00Z', { id: 'b', driverId: 'ben', driverAssignment: 'manual' }), // hand: kept
      drive('2026-03-09T06:50:00Z', { id: 'c', driverId: 'anna', driverAssignment: 'rule' }), // already right: no change
      drive('2026-03-09T15:00:00Z', { id: 'd', driverId: 'anna', driverAssignment: 'rule' }), // no rule matches any more → none
      drive('2026-03-09T15:30:00Z', { id: 'e', driverId: null, driverAssignment: 'manual' }), // hand "nobody": kept
    ];
    expect(planAssignments(drives, [commuter], 'Europe/Berlin')).toEqual([
      { id: 'a', driverId: 'anna', driverAssignment: 'rule' },
      { id: 'd', driverId: null, driverAssignment: null },
    ]);
    expect(planAssignments(drives, [], 'Europe/Berlin')).toEqual([
      { id: 'c', driverId: null, driverAssignment: null },
      { id: 'd', driverId: null, driverAssignment: null },
    ]);
  });
});

describe('driverStats', () => {
  it("sums distance and energy, efficiency over drives with known energy, cost from each car's price per kWh", () => {
    const stats = driverStats(
      [
        { driverId: 'anna', vehicleId: RED, drives: 3, distanceKm: 100, energyUsedKwh: 15, knownDistanceKm: 80, knownEnergyKwh: 12 },
        { driverId: 'anna', vehicleId: BLUE, drives: 1, distanceKm: 20, energyUsedKwh: 4, knownDistanceKm: 20, knownEnergyKwh: 4 },
        { driverId: 'ben', vehicleId: BLUE, drives: 2, distanceKm: 50, energyUsedKwh: null, knownDistanceKm: 0, knownEnergyKwh: 0 },
        // Red is priced, but without drive energy there is no cost to speak of (null, not 0).
        { driverId: 'ben', vehicleId: RED, drives: 1, distanceKm: 5, energyUsedKwh: 0, knownDistanceKm: 0, knownEnergyKwh: 0 },
        { driverId: null, vehicleId: RED, drives: 9, distanceKm: 900, energyUsedKwh: 90, knownDistanceKm: 900, knownEnergyKwh: 90 },
      ],
      new Map([[RED, new Map([['EUR', 0.3]])]]),
      'EUR',
    );
    // Efficiency: 16 kWh over 100 km with known energy = 160 Wh/km; cost: only Red is priced (15 × 0.30).
    expect(statsOf(stats, 'anna')).toEqual({
      drives: 4,
      distanceKm: 120,
      energyUsedKwh: 19,
      efficiencyWhPerKm: 160,
      cost: 4.5,
      costs: [{ currency: 'EUR', amount: 4.5 }],
    });
    expect(statsOf(stats, 'ben')).toEqual({ drives: 3, distanceKm: 55, energyUsedKwh: 0, efficiencyWhPerKm: null, cost: null, costs: [] });
    expect(statsOf(stats, 'nobody')).toEqual({
      drives: 0,
      distanceKm: 0,
      energyUsedKwh: 0,
      efficiencyWhPerKm: null,
      cost: null,
      costs: [],
    });
    expect([...stats.keys()].sort()).toEqual(['anna', 'ben']);
  });

  it('keeps each currency a car was charged in, never converted; `cost` is the display currency’s part (issue 21)', () => {
    const row = { driverId: 'anna', vehicleId: RED, drives: 1, distanceKm: 60, energyUsedKwh: 10, knownDistanceKm: 60, knownEnergyKwh: 10 };
    const prices = new Map([
      [
        RED,
        new Map([
          ['EUR', 0.2],
          ['USD', 0.05],
        ]),
      ],
    ]);
    expect(statsOf(driverStats([row], prices, 'USD'), 'anna')).toMatchObject({
      cost: 0.5,
      costs: [
        { currency: 'EUR', amount: 2 },
        { currency: 'USD', amount: 0.5 },
      ],
    });
    expect(statsOf(driverStats([row], prices, 'GBP'), 'anna')).toMatchObject({
      cost: null,
      costs: [{ currency: 'EUR' }, { currency: 'USD' }],
    });
  });
});
