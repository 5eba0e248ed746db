import { HOUR_MS } from '@/lib/time';
import type { VehicleStateRow } from './types';

const MOVING = new Set(['D', 'R', 'N']);
/** Speed assumed when dating the unobserved start or end of a drive, floor for a first sample at a standstill. */
const MIN_REFERENCE_SPEED_KMH = 20;

export type DerivedDrive = {
  /** `${vehicleId}:${startedAt ISO}`: the `drives` table is unique on (vehicle_id, started_at). */
  driveKey: string;
  vehicleId: string;
  /** The odometer moved between two parked observations and no moving sample was seen. */
  inferred: boolean;
  /** The newest sample is still moving. */
  open: boolean;
  startedAt: Date;
  endedAt: Date | null;
  durationMin: number | null;
  startOdometerKm: number | null;
  endOdometerKm: number | null;
  distanceKm: number | null;
  startBatteryLevel: number | null;
  endBatteryLevel: number | null;
  /** kWh from the battery; may be negative downhill; null for an inferred drive whose battery rose (it charged too). */
  energyUsedKwh: number | null;
  whPerKm: number | null;
  maxSpeedKmh: number | null;
  outsideTempAvgC: number | null;
  startLatitude: number | null;
  startLongitude: number | null;
  endLatitude: number | null;
  endLongitude: number | null;
  sampleCount: number;
};

export type DeriveDrivesOptions = {
  vehicleId: string;
  /** Usable battery capacity, for energy = Δ battery % × capacity. */
  batteryCapacityKwh?: number | null;
  /** Consumption per rated km (TeslaMate's efficiency factor); preferred over capacity: range has finer steps than %. */
  kwhPerRatedKm?: number | null;
  /** Odometer movement between two parked samples that makes an inferred drive. Default 0.2 km. */
  minInferredKm?: number;
  /** Observed drives shorter than this are dropped (shifting in a driveway). Default 0.01 km. */
  minDriveKm?: number;
};

const t = (s: VehicleStateRow) => s.timestamp.getTime();
const isMoving = (s: VehicleStateRow) => MOVING.has(s.shiftState ?? '');

/**
 * Drives of one vehicle from its stored states (sorted by the car's timestamp here).
 * - A drive runs from the first D/R/N sample to the next P/null sample (reference §7.3).
 * - Sparse polling: start readings (odometer, battery, range, position) come from the last parked
 *   sample before it, since the odometer does not move while parked; the start time is that sample's
 *   time or, when later, the first moving sample's time minus the distance already covered at
 *   max(its speed, 20 km/h). The end is dated the same way from the last moving sample. Both depend
 *   only on the two samples around each edge, so the key survives re-derivation with more states.
 * - Two consecutive parked samples whose odometers differ by ≥ `minInferredKm` are an inferred drive
 *   spanning them (we only know it happened in between).
 * Feed states from at least the last parked sample before the newest stored drive.
 */
export function deriveDrives(states: readonly VehicleStateRow[], opts: DeriveDrivesOptions): DerivedDrive[] {
  const sorted = [...states].sort((a, b) => t(a) - t(b));
  const minInferred = opts.minInferredKm ?? 0.2;
  const minDrive = opts.minDriveKm ?? 0.01;
  const drives: DerivedDrive[] = [];
  let parked: VehicleStateRow | null = null;
  let moving: VehicleStateRow[] = [];
  for (const s of sorted) {
    if (isMoving(s)) {
      moving.push(s);
      continue;
    }
    if (moving.length > 0) {
      const d = build(opts, parked, moving, s, false);
      if (d.distanceKm === null || d.distanceKm >= minDrive) drives.push(d);
      moving = [];
    } else if (parked && parked.odometerKm != null && s.odometerKm != null && s.odometerKm - parked.odometerKm >= minInferred) {
      drives.push(build(opts, parked, [], s, true));
    }
    parked = s;
  }
  if (moving.length > 0) drives.push(build(opts, parked, moving, null, false));
  return drives;
}

function build(
  opts: DeriveDrivesOptions,
  before: VehicleStateRow | null,
  moving: VehicleStateRow[],
  after: VehicleStateRow | null,
  inferred: boolean,
): DerivedDrive {
  const first = moving[0];
  const last = moving[moving.length - 1];
  const start = before ?? (first as VehicleStateRow);
  const end = after ?? (last as VehicleStateRow);
  const startedAt = inferred || !first ? t(start) : edgeTime(before, first, 'start');
  const endedAt = after === null ? null : inferred || !last ? t(after) : edgeTime(after, last, 'end');
  const distanceKm = start.odometerKm != null && end.odometerKm != null ? round(Math.max(0, end.odometerKm - start.odometerKm), 1) : null;
  let energy = energyKwh(opts, start, end);
  if (inferred && energy !== null && energy < 0) energy = null;
  const speeds = moving.map((s) => s.speedKmh).filter((v): v is number => v != null);
  const temps = [start, ...moving, ...(after ? [after] : [])].map((s) => s.outsideTempC).filter((v): v is number => v != null);
  return {
    driveKey: `${opts.vehicleId}:${new Date(startedAt).toISOString()}`,
    vehicleId: opts.vehicleId,
    inferred,
    open: after === null,
    startedAt: new Date(startedAt),
    endedAt: endedAt === null ? null : new Date(endedAt),
    durationMin: endedAt === null ? null : round((endedAt - startedAt) / 60_000, 1),
    startOdometerKm: start.odometerKm,
    endOdometerKm: after ? end.odometerKm : null,
    distanceKm: after ? distanceKm : null,
    startBatteryLevel: start.batteryLevel,
    endBatteryLevel: after ? end.batteryLevel : null,
    energyUsedKwh: after ? energy : null,
    whPerKm: after && energy !== null && distanceKm !== null && distanceKm >= 0.5 ? round((energy * 1000) / distanceKm, 1) : null,
    maxSpeedKmh: speeds.length > 0 ? Math.max(...speeds) : null,
    outsideTempAvgC: temps.length > 0 ? round(temps.reduce((a, b) => a + b, 0) / temps.length, 1) : null,
    startLatitude: start.latitude,
    startLongitude: start.longitude,
    endLatitude: after ? end.latitude : null,
    endLongitude: after ? end.longitude : null,
    sampleCount: moving.length,
  };
}

/** The unobserved edge of a drive: between the parked sample and the moving one, by the distance covered. */
function edgeTime(parked: VehicleStateRow | null, moving: VehicleStateRow, edge: 'start' | 'end'): number {
  if (!parked) return t(moving);
  const gapKm = parked.odometerKm != null && moving.odometerKm != null ? Math.abs(parked.odometerKm - moving.odometerKm) : 0;
  const speed = Math.max(moving.speedKmh ?? 0, MIN_REFERENCE_SPEED_KMH);
  const ms = (gapKm / speed) * HOUR_MS;
  return edge === 'start' ? Math.max(t(parked), t(moving) - ms) : Math.min(t(parked), t(moving) + ms);
}

function energyKwh(opts: DeriveDrivesOptions, start: VehicleStateRow, end: VehicleStateRow): number | null {
  if (opts.kwhPerRatedKm && start.batteryRangeKm != null && end.batteryRangeKm != null) {
    return round((start.batteryRangeKm - end.batteryRangeKm) * opts.kwhPerRatedKm, 3);
  }
  if (opts.batteryCapacityKwh && start.batteryLevel != null && end.batteryLevel != null) {
    return round(((start.batteryLevel - end.batteryLevel) / 100) * opts.batteryCapacityKwh, 3);
  }
  return null;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
