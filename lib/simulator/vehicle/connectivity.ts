import type { VehicleSim } from './vehicle-model';

/**
 * Sleep and reachability. A parked car with nothing keeping it awake (driving, Starting/Charging,
 * a pending wake) falls asleep `sleepAfterMs` after its last activity; every vehicle_data answer
 * counts as activity, which is why frequent polling keeps a car awake and drains it.
 * `reachable = false` (parked without signal) makes the car report `offline` whatever it does.
 */
export type WakeCause = 'api' | 'drive' | 'charge';

export function wake(v: VehicleSim, at: number, cause: WakeCause): void {
  v.lastActive = Math.max(v.lastActive, at);
  if (v.awake) return;
  v.awake = true;
  if (v.currentSleep) {
    v.currentSleep.end = at;
    v.currentSleep = null;
  }
  v.gt.wakes.push({ vin: v.vin, at, cause, requestedAt: cause === 'api' ? v.wakeRequestedAt : null });
  if (cause === 'api') v.wakeRequestedAt = null;
  v.wakeAt = null;
}

function fallAsleep(v: VehicleSim, at: number): void {
  v.awake = false;
  v.wakeAt = null;
  v.currentSleep = { vin: v.vin, start: at, end: null };
  v.gt.sleeps.push(v.currentSleep);
}

/** Completes a wake_up whose delay has elapsed (called per step and per API request). */
export function applyPendingWake(v: VehicleSim, now: number): void {
  if (v.wakeAt !== null && v.wakeAt <= now && v.reachable) wake(v, v.wakeAt, 'api');
}

/** End-of-step bookkeeping at `t`. */
export function updateConnectivity(v: VehicleSim, t: number): void {
  const busy = v.trip !== null || v.chargingState === 'Starting' || v.chargingState === 'Charging';
  if (busy) wake(v, t, v.trip ? 'drive' : 'charge');
  applyPendingWake(v, t);
  if (v.awake && !busy && v.wakeAt === null && t - v.lastActive >= v.sleepAfterMs) fallAsleep(v, t);
}

export function setReachable(v: VehicleSim, reachable: boolean, at: number): void {
  if (v.reachable === reachable) return;
  v.reachable = reachable;
  if (!reachable) {
    v.currentOffline = { vin: v.vin, start: at, end: null };
    v.gt.offline.push(v.currentOffline);
  } else if (v.currentOffline) {
    v.currentOffline.end = at;
    v.currentOffline = null;
  }
}

/** `wake_up` semantics: answers at once; an asleep, reachable car comes online 10–60 s later. */
export function requestWake(v: VehicleSim, now: number, delayMs: number): void {
  applyPendingWake(v, now);
  if (!v.reachable) return;
  if (v.awake) {
    v.lastActive = Math.max(v.lastActive, now);
    return;
  }
  if (v.wakeAt === null) {
    v.wakeAt = now + delayMs;
    v.wakeRequestedAt = now;
  }
}

/** A data read that reached the car: resets the sleep timer. */
export function touch(v: VehicleSim, now: number): void {
  if (v.awake && v.reachable) v.lastActive = Math.max(v.lastActive, now);
}

/** State as `GET /vehicles` reports it. */
export function reportedState(v: VehicleSim): 'online' | 'asleep' | 'offline' {
  if (!v.reachable) return 'offline';
  return v.awake ? 'online' : 'asleep';
}
