import type { VehicleStateRow } from './types';

/** `charging_state` values during which energy flows (or is about to). */
export const ACTIVE_CHARGING_STATES = new Set(['Starting', 'Charging']);

/** Counter drops larger than this mean the car started a new session (kWh; the API rounds to 0.01). */
const RESET_TOLERANCE_KWH = 0.05;
/** Smallest counter change between two idle observations that counts as an unobserved charge. */
export const MIN_INFERRED_KWH = 0.1;

export const isActive = (s: VehicleStateRow) => ACTIVE_CHARGING_STATES.has(s.chargingState ?? '');
const isUnplugged = (s: VehicleStateRow) => s.chargingState === 'Disconnected' || s.chargingState == null;

/**
 * `charge_energy_added` when it describes the current session. A `Starting` sample may still carry
 * the previous session's total (the car resets the counter once power flows), so it is not trusted.
 */
export function trustedCounter(s: VehicleStateRow): number | null {
  return s.chargingState === 'Starting' ? null : s.chargeEnergyAddedKwh;
}

function sameSpot(a: VehicleStateRow, b: VehicleStateRow): boolean {
  return a.odometerKm == null || b.odometerKm == null || Math.abs(a.odometerKm - b.odometerKm) < 0.05;
}

/**
 * One charging session as observed: `states` run from the first charging sample (or, for an
 * inferred session, the idle sample after the counter moved) to the last sample that brought
 * energy; `end` is the first sample proving that charging had stopped (that last sample itself when
 * it is idle; null while ongoing);
 * `before` is the sample preceding the session (its battery and time bound the true start).
 */
export type ChargeGroup = {
  states: VehicleStateRow[];
  before: VehicleStateRow | null;
  end: VehicleStateRow | null;
  inferred: boolean;
  /** For inferred groups: the counter value at `before` that this session continues from (0 after a reset). */
  baseKwh: number;
};

type Open = { states: VehicleStateRow[]; before: VehicleStateRow | null; maxCounter: number; baseKwh: number };

/**
 * Splits ordered states into sessions. Rules (reference §7.2, plus what sparse polling needs):
 * - a session opens at a `Starting`/`Charging` sample;
 * - it stays open through pauses (`Stopped`, `NoPower`, `Complete`) while the car is plugged in,
 *   has not moved (odometer) and its `charge_energy_added` has not been reset: resuming then is the
 *   same session, because the car itself still counts it as one (its counter carries on);
 * - it closes at `Disconnected`, at a move, or when the counter drops (the car started a new one);
 * - trailing idle samples that brought no energy are trimmed: the first of them is the `end`;
 * - between two idle samples outside any session, a changed counter means a charge happened while
 *   unobserved: the session opens there (inferred unless later samples see it charging).
 */
export function groupCharges(states: readonly VehicleStateRow[]): ChargeGroup[] {
  const groups: ChargeGroup[] = [];
  let open: Open | null = null;

  const close = (o: Open) => {
    let last = 0;
    let max = -Infinity;
    o.states.forEach((s, i) => {
      const c = trustedCounter(s);
      const rose = c !== null && c > max + 0.005 && max !== -Infinity;
      if (c !== null) max = Math.max(max, c);
      if (isActive(s) || rose) last = i;
    });
    const kept = o.states.slice(0, last + 1);
    const lastKept = kept[kept.length - 1] as VehicleStateRow;
    // An idle sample that brought energy (the tail, or an unobserved resumption) itself proves charging stopped.
    const end = isActive(lastKept) ? (o.states[last + 1] ?? null) : lastKept;
    groups.push({ states: kept, before: o.before, end, inferred: !kept.some(isActive), baseKwh: o.baseKwh });
  };

  for (const [i, s] of states.entries()) {
    const prev = i > 0 ? (states[i - 1] ?? null) : null;
    const c = trustedCounter(s);
    if (open) {
      const last = open.states[open.states.length - 1] as VehicleStateRow;
      const reset = c !== null && c < open.maxCounter - RESET_TOLERANCE_KWH;
      if (sameSpot(last, s) && !reset) {
        open.states.push(s);
        if (c !== null) open.maxCounter = Math.max(open.maxCounter, c);
        if (isUnplugged(s)) {
          close(open);
          open = null;
        }
        continue;
      }
      close(open);
      open = null;
    }
    const base = isActive(s) ? 0 : prev ? inferBetween(prev, s) : null;
    if (base === null) continue;
    open = { states: [s], before: prev, maxCounter: c ?? 0, baseKwh: base };
    if (isUnplugged(s)) {
      close(open);
      open = null;
    }
  }
  if (open) close(open);
  return groups;
}

/**
 * For two consecutive idle samples, the counter value the later one continues from when energy was
 * added in between (so energy = counter(b) − result), or null when nothing was charged.
 * A plugged, unmoved car whose counter rose continued its session; otherwise the counter was reset
 * at plug-in and all of b's counter is new (a drop within RESET_TOLERANCE_KWH is no reset).
 */
function inferBetween(a: VehicleStateRow, b: VehicleStateRow): number | null {
  const ca = trustedCounter(a);
  const cb = trustedCounter(b);
  if (ca === null || cb === null || Math.abs(cb - ca) < 0.005 || cb < MIN_INFERRED_KWH) return null;
  // The counter only ever drops by a reset at plug-in: one back by less than the reset tolerance is jitter, not a new charge.
  if (cb < ca && ca - cb <= RESET_TOLERANCE_KWH) return null;
  const continued = !isUnplugged(a) && sameSpot(a, b) && cb > ca;
  const base = continued ? ca : 0;
  return cb - base >= MIN_INFERRED_KWH ? base : null;
}
