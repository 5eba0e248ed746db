import type { VehicleStateRow } from '@/lib/stats';

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** A parked, unplugged state at `at`; override any column. */
export function state(at: string | Date, over: Partial<VehicleStateRow> = {}): VehicleStateRow {
  return {
    timestamp: typeof at === 'string' ? new Date(at) : at,
    odometerKm: 10_000,
    batteryLevel: 50,
    batteryRangeKm: 250,
    chargingState: 'Disconnected',
    chargeEnergyAddedKwh: 0,
    chargerPowerKw: 0,
    chargerVoltage: 0,
    chargerActualCurrent: 0,
    chargerPhases: null,
    fastChargerPresent: false,
    fastChargerType: '<invalid>',
    fastChargerBrand: null,
    shiftState: 'P',
    speedKmh: null,
    powerKw: 0,
    latitude: 52.38,
    longitude: 4.63,
    outsideTempC: 12,
    ...over,
  };
}

/** An AC charging sample: 230 V × 16 A × 3 phases ≈ 11 kW. */
export function acCharging(at: string, addedKwh: number, level: number, over: Partial<VehicleStateRow> = {}): VehicleStateRow {
  return state(at, {
    chargingState: 'Charging',
    chargeEnergyAddedKwh: addedKwh,
    batteryLevel: level,
    chargerPowerKw: 11,
    chargerVoltage: 230,
    chargerActualCurrent: 16,
    chargerPhases: 3,
    fastChargerType: 'ACSingleWireCAN',
    ...over,
  });
}

export const at = (iso: string) => new Date(iso);
export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
