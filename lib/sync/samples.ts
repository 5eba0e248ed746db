import 'server-only';
import type { NewStateRow } from '@/db/queries/sync-vehicles';
import type { VehicleSnapshot } from '@/lib/tesla';
import type { LastSample } from './policy';
import { MINUTE_MS } from '@/lib/time';

const MOVING = new Set(['D', 'R', 'N']);

/**
 * A `vehicle_data` snapshot as a `vehicle_states` row (metric). `raw` is Tesla's answer exactly as
 * sent, kept for re-deriving after a fix; nothing is read back from it.
 */
export function toStateRow(vehicleId: string, s: VehicleSnapshot, raw: unknown): NewStateRow {
  return {
    vehicleId,
    timestamp: s.timestamp,
    odometerKm: s.odometerKm,
    batteryLevel: s.batteryLevel,
    usableBatteryLevel: s.usableBatteryLevel,
    batteryRangeKm: s.batteryRangeKm,
    chargingState: s.chargingState,
    chargeLimitSoc: s.chargeLimitSoc,
    chargeEnergyAddedKwh: s.chargeEnergyAddedKwh,
    chargerPowerKw: s.chargerPowerKw,
    chargerVoltage: s.chargerVoltage,
    chargerActualCurrent: s.chargerActualCurrent,
    chargerPhases: s.chargerPhases,
    fastChargerPresent: s.fastChargerPresent,
    fastChargerType: s.fastChargerType,
    fastChargerBrand: s.fastChargerBrand,
    shiftState: s.shiftState,
    speedKmh: s.speedKmh,
    powerKw: s.powerKw,
    heading: s.heading,
    latitude: s.latitude,
    longitude: s.longitude,
    insideTempC: s.insideTempC,
    outsideTempC: s.outsideTempC,
    destinationName: s.destinationName,
    destinationEta: s.destinationMinutes != null ? new Date(s.timestamp.getTime() + s.destinationMinutes * 60_000) : null,
    destinationDistanceKm: s.destinationDistanceKm,
    destinationLatitude: s.destinationLatitude,
    destinationLongitude: s.destinationLongitude,
    minutesToFullCharge: s.minutesToFullCharge,
    rawData: raw,
  };
}

/** What the policy reads of a sample: a stored row, or the one this run has just stored. */
export type SampleFacts = Pick<NewStateRow, 'timestamp' | 'shiftState' | 'chargingState' | 'destinationEta' | 'minutesToFullCharge'>;

export const isMoving = (s: Pick<SampleFacts, 'shiftState'>) => MOVING.has(s.shiftState ?? '');
export const isCharging = (s: Pick<SampleFacts, 'chargingState'>) => s.chargingState === 'Charging' || s.chargingState === 'Starting';

/** What the policy needs of the newest sample: its activity and when that activity should end. */
export function toLastSample(s: SampleFacts | undefined): LastSample | null {
  if (!s) return null;
  if (isMoving(s)) return { at: s.timestamp, activity: 'driving', expectedEndAt: s.destinationEta ?? null };
  if (isCharging(s)) {
    const minutes = s.minutesToFullCharge;
    return {
      at: s.timestamp,
      activity: 'charging',
      expectedEndAt: minutes != null && minutes > 0 ? new Date(s.timestamp.getTime() + Math.round(minutes * MINUTE_MS)) : null,
    };
  }
  return { at: s.timestamp, activity: 'idle', expectedEndAt: null };
}
