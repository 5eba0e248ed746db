import type { vehicleStates } from '@/db/schema';

/**
 * The columns of a stored `vehicle_states` row that the derivations read (metric units; `timestamp`
 * is the car's own timestamp). Rows selected from the database fit as they are.
 */
export type VehicleStateRow = Pick<
  typeof vehicleStates.$inferSelect,
  | 'timestamp'
  | 'odometerKm'
  | 'batteryLevel'
  | 'batteryRangeKm'
  | 'chargingState'
  | 'chargeEnergyAddedKwh'
  | 'chargerPowerKw'
  | 'chargerVoltage'
  | 'chargerActualCurrent'
  | 'chargerPhases'
  | 'fastChargerPresent'
  | 'fastChargerType'
  | 'fastChargerBrand'
  | 'shiftState'
  | 'speedKmh'
  | 'powerKw'
  | 'latitude'
  | 'longitude'
  | 'outsideTempC'
>;

/** A WGS84 position in degrees. */
export type GeoPoint = { latitude: number; longitude: number };

/**
 * Energy delivered uniformly over [from, to). A session's energy profile is a list of these,
 * ordered and non-overlapping; solar attribution and time-of-use pricing both consume it.
 */
export type EnergySegment = { from: Date; to: Date; kwh: number };

/** A half-open time interval [from, to). */
export type { Interval } from '@/lib/time';
