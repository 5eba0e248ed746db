import type { AwakeReason, OwnAwakeReason, TrueWake } from '../ground-truth';
import type { VehicleSim } from './vehicle-model';

/**
 * Sleep and reachability. A parked car with nothing keeping it awake (driving, Starting/Charging,
 * a life reason such as Sentry or an app open, a pending wake) falls asleep once it has been quiet
 * for `sleepAfterMs` (plus its lingering, if any) since its last activity. Every vehicle_data answer
 * and wake_up counts as activity (`touch`), which is why frequent polling keeps a car awake and
 * drains it; the free state checks (`GET /vehicles`, `/vehicles/{vin}`) never touch the car.
 * `reachable = false` (no signal, or rebooting during an update) makes the car report `offline`
 * whatever it does. Every awake step is written to the ground truth with its reason.
 */
export type WakeCause = TrueWake['cause'];

/** The car did something itself at `at`: its quiet timer restarts. */
export function markActive(v: VehicleSim, at: number): void {
  v.lastActive = Math.max(v.lastActive, at);
  v.lastOwnActive = Math.max(v.lastOwnActive, at);
}

export function wake(v: VehicleSim, at: number, cause: WakeCause): void {
  if (cause === 'api') v.lastActive = Math.max(v.lastActive, at);
  else markActive(v, at);
  if (v.awake) return;
  v.awake = true;
  v.awakeSince = at;
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

/** What keeps the car awake of its own accord at the end of the step, if anything. */
function ownReason(v: VehicleSim, t: number): OwnAwakeReason | null {
  if (v.trip || v.droveThisStep) return 'driving';
  if (v.chargingState === 'Starting' || v.chargingState === 'Charging') return chargeReason(v, t);
  return v.life?.reason ?? null;
}

/** A charge that waited for its scheduled start is `scheduled_charging`. */
function chargeReason(v: VehicleSim, t: number): 'charging' | 'scheduled_charging' {
  const s = v.plug?.scheduledAt ?? null;
  return s !== null && v.plug && s > v.plug.session.pluggedAt && s <= t ? 'scheduled_charging' : 'charging';
}

function wakeCause(reason: OwnAwakeReason): WakeCause {
  if (reason === 'driving') return 'drive';
  if (reason === 'charging' || reason === 'scheduled_charging') return 'charge';
  return reason;
}

/** Quiet time after activity at `from` before the car sleeps: its sleep timer plus any lingering. */
function quietMs(v: VehicleSim, from: number): number {
  return v.sleepAfterMs + (v.life?.lingerMs(from) ?? 0);
}

/** Extends or opens the car's awake stretch for the step (t − dtMs, t]. */
function recordAwake(v: VehicleSim, t: number, dtMs: number, own: OwnAwakeReason | null): void {
  if (!v.awake) {
    v.currentAwake = null;
    return;
  }
  const t0 = t - dtMs;
  // Without a reason of its own the car is idle while its own quiet time runs, else awake for a client.
  const reason: AwakeReason = own ?? (t0 - v.lastOwnActive < quietMs(v, v.lastOwnActive) ? 'idle' : 'api');
  const cur = v.currentAwake;
  if (cur && cur.end === t0 && cur.reason === reason) {
    cur.end = t;
    return;
  }
  const start = cur && cur.end === t0 ? t0 : Math.min(t, Math.max(t0, v.awakeSince));
  v.currentAwake = { vin: v.vin, start, end: t, reason };
  v.gt.awake.push(v.currentAwake);
}

/** End-of-step bookkeeping at `t` for the step of `dtMs`. */
export function updateConnectivity(v: VehicleSim, t: number, dtMs: number): void {
  const reason = ownReason(v, t);
  if (reason) {
    // Life reasons cover the whole step (they are evaluated at its start); drives and charges keep their instants.
    wake(v, v.life?.reason === reason ? t - dtMs : t, wakeCause(reason));
    markActive(v, t);
  }
  applyPendingWake(v, t);
  // A charge that completed at the end of the step still filled it (labelled, but it no longer keeps the car awake).
  recordAwake(v, t, dtMs, reason ?? (v.chargedThisStep ? chargeReason(v, t) : null));
  if (v.awake && !reason && v.wakeAt === null && t - v.lastActive >= quietMs(v, v.lastActive)) fallAsleep(v, t);
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
