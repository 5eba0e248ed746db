import type { VehicleRow, VehicleStateRow } from '@/db/queries/vehicles';
import { iso } from './dates';

/**
 * JSON shapes for vehicles and their stored states: camelCase, units in the names (km, km/h, kWh,
 * kW, V, A, °C as C, % as Percent), times ISO 8601 in UTC.
 */
export function vehicleJson(v: VehicleRow) {
  return {
    id: v.id,
    vin: v.vin,
    teslaId: v.teslaId,
    displayName: v.displayName,
    model: v.model,
    year: v.year,
    color: v.color,
    batteryCapacityKwh: v.batteryCapacityKwh,
    firmwareVersion: v.firmwareVersion,
    /** online | asleep | offline, from the last free state check. */
    onlineState: v.state,
    onlineStateSince: iso(v.stateSince),
    lastSeenAt: iso(v.lastSeenAt),
    freeSupercharging: v.freeSupercharging,
    createdAt: iso(v.createdAt),
    updatedAt: iso(v.updatedAt),
  };
}

export function vehicleStateJson(s: VehicleStateRow) {
  return {
    timestamp: iso(s.timestamp),
    odometerKm: s.odometerKm,
    batteryLevelPercent: s.batteryLevel,
    usableBatteryLevelPercent: s.usableBatteryLevel,
    batteryRangeKm: s.batteryRangeKm,
    chargingState: s.chargingState,
    chargeLimitPercent: s.chargeLimitSoc,
    chargeEnergyAddedKwh: s.chargeEnergyAddedKwh,
    chargerPowerKw: s.chargerPowerKw,
    chargerVoltageV: s.chargerVoltage,
    chargerCurrentA: s.chargerActualCurrent,
    chargerPhases: s.chargerPhases,
    fastChargerPresent: s.fastChargerPresent,
    fastChargerType: s.fastChargerType,
    fastChargerBrand: s.fastChargerBrand,
    shiftState: s.shiftState,
    speedKmh: s.speedKmh,
    powerKw: s.powerKw,
    headingDeg: s.heading,
    latitude: s.latitude,
    longitude: s.longitude,
    insideTempC: s.insideTempC,
    outsideTempC: s.outsideTempC,
    destinationName: s.destinationName,
    destinationEta: iso(s.destinationEta),
    driverId: s.driverId,
  };
}

/** A charge-curve point of a session: only what a charge curve needs. */
export function chargeSampleJson(s: VehicleStateRow) {
  return {
    timestamp: iso(s.timestamp),
    batteryLevelPercent: s.batteryLevel,
    chargingState: s.chargingState,
    chargeEnergyAddedKwh: s.chargeEnergyAddedKwh,
    chargerPowerKw: s.chargerPowerKw,
    chargerVoltageV: s.chargerVoltage,
    chargerCurrentA: s.chargerActualCurrent,
    chargerPhases: s.chargerPhases,
    outsideTempC: s.outsideTempC,
  };
}

/** A track point of a drive. */
export function trackPointJson(s: VehicleStateRow) {
  return {
    timestamp: iso(s.timestamp),
    latitude: s.latitude,
    longitude: s.longitude,
    speedKmh: s.speedKmh,
    powerKw: s.powerKw,
    odometerKm: s.odometerKm,
    batteryLevelPercent: s.batteryLevel,
    outsideTempC: s.outsideTempC,
  };
}
