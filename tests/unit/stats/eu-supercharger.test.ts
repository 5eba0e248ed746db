import { describe, expect, it } from 'vitest';
import { chargerKind, chargingCost, deriveChargingSessions, type VehicleStateRow } from '@/lib/stats';
import { at, MIN, state } from './helpers';

/**
 * Known difference 4 of issue 13: a European Supercharger reports `fast_charger_type: "Combo"`
 * with `fast_charger_brand: "Tesla"` (TeslaPy's EU Model 3 payload, TeslaMate PR 3863,
 * fleet-telemetry issue 356): the brand makes the session a Supercharger session, priced as one.
 */
const opts = { vehicleId: 'v1', now: at('2026-03-04T12:00:00Z') };

/** A DC charge of 40 min at 100 kW, the samples as the car reports them at the charger of `brand`/`type`. */
function dcCharge(type: string, brand: string | null): VehicleStateRow[] {
  const rows = [state('2026-03-03T13:55:00Z', { odometerKm: 10_250, batteryLevel: 20 })];
  for (let i = 0; i <= 8; i++)
    rows.push(
      state(new Date(at('2026-03-03T14:00:00Z').getTime() + i * 5 * MIN), {
        odometerKm: 10_250,
        chargingState: 'Charging',
        chargeEnergyAddedKwh: i * 8,
        batteryLevel: 20 + i * 10,
        chargerPowerKw: 100,
        // As in the TeslaPy EU payload: voltage 2, no current, no phases while DC charging.
        chargerVoltage: 2,
        chargerActualCurrent: 0,
        chargerPhases: null,
        fastChargerPresent: true,
        fastChargerType: type,
        fastChargerBrand: brand,
      }),
    );
  rows.push(state('2026-03-03T14:50:00Z', { odometerKm: 10_250, batteryLevel: 100, chargeEnergyAddedKwh: 64 }));
  return rows;
}

describe('European Superchargers (Combo + brand Tesla)', () => {
  it('a Combo charger of the brand Tesla is a Supercharger; a Combo of another brand stays DC', () => {
    expect(chargerKind(dcCharge('Combo', 'Tesla'))).toBe('supercharger');
    expect(chargerKind(dcCharge('Combo', null))).toBe('dc');
    expect(chargerKind(dcCharge('Combo', 'Ionity'))).toBe('dc');
    expect(deriveChargingSessions(dcCharge('Combo', 'Tesla'), opts).map((s) => s.chargerKind)).toEqual(['supercharger']);
  });

  it('an AC charge at a Tesla Wall Connector (brand Tesla, no fast charger) stays AC', () => {
    const ac = dcCharge('ACSingleWireCAN', 'Tesla').map((s) =>
      s.chargingState === 'Charging'
        ? { ...s, fastChargerPresent: false, chargerPowerKw: 11, chargerVoltage: 230, chargerActualCurrent: 16, chargerPhases: 3 }
        : s,
    );
    expect(chargerKind(ac)).toBe('ac');
  });

  it('free Supercharging applies to it', () => {
    const [s] = deriveChargingSessions(dcCharge('Combo', 'Tesla'), opts);
    const tariff = { kind: 'flat' as const, currency: 'EUR', pricePerKwh: 0.3, periods: [], sessionFee: 0, feedInPricePerKwh: null };
    const profile = [{ from: s!.startedAt, to: s!.endedAt!, kwh: s!.energyUsedKwh ?? 0 }];
    const cost = chargingCost({ profile, tariff, timeZone: 'Europe/Amsterdam', chargerKind: s!.chargerKind, freeSupercharging: true });
    expect(cost.basis).toBe('free_supercharging');
    expect(cost.costWithSolarCredit).toBe(0);
  });
});
