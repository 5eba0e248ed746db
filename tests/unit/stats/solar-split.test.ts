import { describe, expect, it } from 'vitest';
import { bucketsFromLiveStatus, splitChargeEnergy, type SiteEnergyBucket } from '@/lib/stats';
import { at } from './helpers';

const bucket = (start: string, end: string, over: Partial<SiteEnergyBucket>): SiteEnergyBucket => ({
  start: at(start),
  end: at(end),
  homeFromSolarKwh: 0,
  homeFromBatteryKwh: 0,
  homeFromGridKwh: 0,
  batteryFromSolarKwh: 0,
  batteryFromGridKwh: 0,
  ...over,
});

describe('splitChargeEnergy', () => {
  it('prorates a session spanning two buckets by time overlap', () => {
    const profile = [{ from: at('2026-06-01T10:50:00Z'), to: at('2026-06-01T11:20:00Z'), kwh: 3 }];
    const buckets = [
      bucket('2026-06-01T10:00:00Z', '2026-06-01T11:00:00Z', { homeFromSolarKwh: 4 }),
      bucket('2026-06-01T11:00:00Z', '2026-06-01T12:00:00Z', { homeFromGridKwh: 5 }),
    ];
    const split = splitChargeEnergy(profile, buckets, { rule: 'car_first' });
    expect(split.solarKwh).toBeCloseTo(1, 9);
    expect(split.gridKwh).toBeCloseTo(2, 9);
    expect(split.solarPercentage).toBeCloseTo(100 / 3, 9);
    expect(split.uncoveredKwh).toBeCloseTo(0, 9);
  });

  it('gives different numbers for house-first, car-first and proportional on the same data', () => {
    const profile = [{ from: at('2026-06-01T12:00:00Z'), to: at('2026-06-01T13:00:00Z'), kwh: 2 }];
    const buckets = [bucket('2026-06-01T12:00:00Z', '2026-06-01T13:00:00Z', { homeFromSolarKwh: 3, homeFromGridKwh: 2 })];
    const car = splitChargeEnergy(profile, buckets, { rule: 'car_first' });
    const house = splitChargeEnergy(profile, buckets, { rule: 'house_first' });
    const prop = splitChargeEnergy(profile, buckets, { rule: 'proportional' });
    expect([car.solarKwh, car.gridKwh]).toEqual([2, 0]);
    expect([house.solarKwh, house.gridKwh]).toEqual([0, 2]);
    expect(prop.solarKwh).toBeCloseTo(1.2, 9);
    expect(prop.gridKwh).toBeCloseTo(0.8, 9);
    expect(house.statement).toMatch(/^House load first/);
    expect(car.statement).toMatch(/^Car first/);
    for (const s of [car, house, prop]) expect(s.solarKwh + s.batteryKwh + s.gridKwh).toBeCloseTo(2, 9);
  });

  it('counts Powerwall energy as solar only in the share it was solar-charged (half grid-charged overnight)', () => {
    const buckets = [
      bucket('2026-06-01T01:00:00Z', '2026-06-01T04:00:00Z', { batteryFromGridKwh: 5, homeFromGridKwh: 1.5 }),
      bucket('2026-06-01T10:00:00Z', '2026-06-01T14:00:00Z', { batteryFromSolarKwh: 5, homeFromSolarKwh: 2 }),
      bucket('2026-06-01T18:00:00Z', '2026-06-01T19:00:00Z', { homeFromBatteryKwh: 2, batteryDischargedKwh: 2 }),
      bucket('2026-06-01T20:00:00Z', '2026-06-01T21:00:00Z', { homeFromBatteryKwh: 5, homeFromGridKwh: 1 }),
    ];
    const profile = [{ from: at('2026-06-01T20:00:00Z'), to: at('2026-06-01T21:00:00Z'), kwh: 4 }];
    const split = splitChargeEnergy(profile, buckets, { rule: 'car_first' });
    expect(split.batteryKwh).toBeCloseTo(4, 9);
    expect(split.batterySolarKwh).toBeCloseTo(2, 9);
    expect(split.solarShareKwh).toBeCloseTo(2, 9);
    expect(split.solarPercentage).toBeCloseTo(50, 9);
    expect(split.directSolarPercentage).toBe(0);
    expect(split.statement).toContain('50 %');
    // house_first: the house's 2 kWh take Powerwall energy first, the car gets 3 kWh of it and 1 of grid.
    const house = splitChargeEnergy(profile, buckets, { rule: 'house_first' });
    expect(house.batteryKwh).toBeCloseTo(3, 9);
    expect(house.gridKwh).toBeCloseTo(1, 9);
  });

  it('counts energy outside every bucket as grid and reports it as uncovered', () => {
    const profile = [{ from: at('2026-06-01T10:00:00Z'), to: at('2026-06-01T12:00:00Z'), kwh: 4 }];
    const split = splitChargeEnergy(profile, [bucket('2026-06-01T10:00:00Z', '2026-06-01T11:00:00Z', { homeFromSolarKwh: 9 })], {
      rule: 'proportional',
    });
    expect(split.solarKwh).toBeCloseTo(2, 9);
    expect(split.gridKwh).toBeCloseTo(2, 9);
    expect(split.uncoveredKwh).toBeCloseTo(2, 9);
  });
});

describe('bucketsFromLiveStatus', () => {
  it('allocates live powers like the gateway: solar to the load first, surplus into the Powerwall', () => {
    const [b, ...rest] = bucketsFromLiveStatus([
      { timestamp: at('2026-06-01T12:00:00Z'), solarPowerW: 6000, batteryPowerW: -2000, gridPowerW: -1000, loadPowerW: 3000 },
      { timestamp: at('2026-06-01T12:06:00Z'), solarPowerW: 0, batteryPowerW: 1000, gridPowerW: 2000, loadPowerW: 3000 },
    ]);
    expect(rest).toHaveLength(0);
    expect(b?.homeFromSolarKwh).toBeCloseTo(0.3, 9);
    expect(b?.batteryFromSolarKwh).toBeCloseTo(0.2, 9);
    expect(b?.homeFromGridKwh).toBe(0);
  });
});
