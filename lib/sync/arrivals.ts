import type { StateRow } from '@/db/queries/sync-vehicles';
import type { Connectivity } from '@/db/schema';
import { isMoving } from './samples';

export type Stretch = { state: Connectivity; startedAt: Date };

/**
 * Closes drives whose arrival could not be observed. A car that parks without mobile signal (an
 * underground garage) is `offline` from the moment it stops, so no parked sample ever ends its
 * drive, and the next sample (already driving home) would merge two drives into one. When a moving
 * sample is followed by a state check that found the car asleep or offline before the next sample,
 * the drive ended in between: an arrival sample is projected from the route the car reported
 * (odometer + distance left, at the arrival time, at the destination), never later than that
 * check. Without route data nothing is projected (the drives stay merged: we do not guess).
 * Projected rows exist only in memory for the derivations; they are never stored.
 */
export function projectArrivals(states: readonly StateRow[], stretches: readonly Stretch[]): StateRow[] {
  const out: StateRow[] = [];
  const away = stretches.filter((s) => s.state !== 'online').map((s) => s.startedAt.getTime());
  states.forEach((a, i) => {
    out.push(a);
    const b = states[i + 1];
    if (!isMoving(a) || a.destinationDistanceKm == null || a.odometerKm == null) return;
    const until = b ? b.timestamp.getTime() : Infinity;
    const seenAway = away.find((t) => t > a.timestamp.getTime() && t < until);
    if (seenAway === undefined) return;
    const eta = a.destinationEta?.getTime() ?? a.timestamp.getTime();
    const at = Math.max(a.timestamp.getTime() + 1000, Math.min(eta, seenAway, until - 1000));
    out.push({
      ...a,
      id: `${a.id}:arrival`,
      timestamp: new Date(at),
      shiftState: null,
      speedKmh: null,
      powerKw: 0,
      odometerKm: Math.round((a.odometerKm + a.destinationDistanceKm) * 10) / 10,
      latitude: a.destinationLatitude ?? null,
      longitude: a.destinationLongitude ?? null,
      destinationName: null,
      destinationEta: null,
      destinationDistanceKm: null,
      rawData: null,
    });
  });
  return out;
}

const ACTIVE = new Set(['Starting', 'Charging']);

/**
 * Closes charges whose end could not be observed. The car keeps `charge_energy_added` after the
 * session ends and after unplugging, until the next session starts; a car that finished charging
 * and fell asleep before the next sample shows its final counter in the next sample (often already
 * driving, unplugged). When a charging sample is followed by a sample that moved or unplugged, an
 * idle sample is projected at the charging spot with that final counter, dated at the first check
 * that found the car asleep/offline (or just before the next sample). In memory only.
 */
export function projectChargeEnds(states: readonly StateRow[], stretches: readonly Stretch[]): StateRow[] {
  const out: StateRow[] = [];
  const away = stretches.filter((s) => s.state !== 'online').map((s) => s.startedAt.getTime());
  states.forEach((a, i) => {
    out.push(a);
    const b = states[i + 1];
    if (!b || !ACTIVE.has(a.chargingState ?? '')) return;
    const moved = a.odometerKm != null && b.odometerKm != null && Math.abs(b.odometerKm - a.odometerKm) >= 0.05;
    if (!moved && b.chargingState !== 'Disconnected') return;
    const counter = b.chargeEnergyAddedKwh;
    if (counter == null || counter < (a.chargeEnergyAddedKwh ?? 0)) return;
    const seenAway = away.find((t) => t > a.timestamp.getTime() && t < b.timestamp.getTime());
    const at = Math.max(a.timestamp.getTime() + 1000, Math.min(seenAway ?? Infinity, b.timestamp.getTime() - 1000));
    out.push({
      ...a,
      id: `${a.id}:charge-end`,
      timestamp: new Date(at),
      chargingState: 'Complete',
      chargeEnergyAddedKwh: counter,
      chargerPowerKw: 0,
      chargerActualCurrent: 0,
      batteryLevel: b.batteryLevel != null && a.batteryLevel != null ? Math.max(a.batteryLevel, b.batteryLevel) : a.batteryLevel,
      shiftState: null,
      speedKmh: null,
      rawData: null,
    });
  });
  return out;
}
