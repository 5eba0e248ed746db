import { describe, expect, it } from 'vitest';
import { chargingCost, deriveChargingSessions, splitChargeEnergy, type SiteEnergyBucket, type TariffInput } from '@/lib/stats';
import { acCharging, at, state } from './helpers';

describe('session → solar split → cost', () => {
  it('feeds a derived profile through the split and the tariff, keeping every kWh', () => {
    const states = [
      state('2026-06-01T10:55:00Z', { batteryLevel: 50 }),
      acCharging('2026-06-01T11:00:00Z', 0, 50),
      acCharging('2026-06-01T11:30:00Z', 4.968, 57),
      acCharging('2026-06-01T12:00:00Z', 9.936, 64),
      state('2026-06-01T12:10:00Z', { chargingState: 'Complete', chargeEnergyAddedKwh: 9.936, batteryLevel: 64 }),
    ];
    const [s] = deriveChargingSessions(states, { vehicleId: 'v1', now: at('2026-06-01T13:00:00Z') });
    const bucket = (hour: number, solar: number, grid: number): SiteEnergyBucket => ({
      start: at(`2026-06-01T${hour}:00:00Z`),
      end: at(`2026-06-01T${hour + 1}:00:00Z`),
      homeFromSolarKwh: solar,
      homeFromBatteryKwh: 0,
      homeFromGridKwh: grid,
      batteryFromSolarKwh: 0,
      batteryFromGridKwh: 0,
    });
    const split = splitChargeEnergy(s?.profile ?? [], [bucket(11, 6, 6), bucket(12, 6, 6)], { rule: 'car_first' });
    expect(split.totalKwh).toBeCloseTo(11.04, 6);
    expect(split.solarKwh).toBeCloseTo(6, 6);
    expect(split.gridKwh).toBeCloseTo(5.04, 6);
    const tariff: TariffInput = { kind: 'flat', currency: 'EUR', pricePerKwh: 0.25, periods: [], sessionFee: 0, feedInPricePerKwh: 0.05 };
    const cost = chargingCost({ profile: s?.profile ?? [], tariff, timeZone: 'Europe/Amsterdam', solarProfile: split.solarProfile });
    expect(cost.costWithoutSolar).toBe(2.76);
    expect(cost.costWithSolarCredit).toBe(1.56);
    expect(cost.costSolarFree).toBe(1.26);
  });
});
