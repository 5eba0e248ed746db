import { groupCharges, isActive, trustedCounter, type ChargeGroup } from './charge-groups';
import { acPhaseFactor, atSupercharger, chargerKind, wallPowerKw, type ChargerKind } from './charger-power';
import { HOUR_MS } from '@/lib/time';
import { efficiencyOf } from './pricing-energy';
import type { EnergySegment, VehicleStateRow } from './types';

/** Measured efficiencies outside this band mean the samples were too sparse or noisy to trust. */
const EFFICIENCY_BAND = [0.6, 1] as const;
/** Wall energy the fully observed intervals must cover before an efficiency is measured from them. */
const MIN_MEASURED_KWH = 0.3;

export type DerivedChargingSession = {
  /** `${vehicleId}:${ISO timestamp of the session's first state}`; see `deriveChargingSessions`. */
  sessionKey: string;
  vehicleId: string;
  /** `polled` when at least one sample saw it charging; `inferred` when only the counter moved between observations. */
  source: 'polled' | 'inferred';
  /** No sample after the last charging one yet: the session is (as far as we know) ongoing. */
  open: boolean;
  /** Open, but the newest sample is older than `staleAfterMs` at `now`: the car went quiet while charging. */
  stale: boolean;
  /** Estimated start of energy flow: the first charging sample, moved back by the energy it already showed. */
  startedAt: Date;
  /** Estimated end of energy flow (end of `profile`); null while open. Never after `endObservedAt`. */
  endedAt: Date | null;
  firstObservedAt: Date;
  /** The car's timestamp of the first sample proving charging had stopped (the transition seen). */
  endObservedAt: Date | null;
  startBatteryLevel: number | null;
  endBatteryLevel: number | null;
  /** kWh into the battery: the session's `charge_energy_added` (complete even when first seen half-way). */
  energyAddedKwh: number | null;
  /** kWh from the wall: `energyAddedKwh ÷ efficiency` (see `efficiency`). */
  energyUsedKwh: number | null;
  /** added ÷ wall energy over the intervals both ends of which were charging; null when the samples do not allow it. */
  efficiency: number | null;
  peakPowerKw: number | null;
  /** The highest power a sample reported (null when none did): sparse samples can miss the top of a charge. */
  peakSeenKw: number | null;
  /** Mean wall power over the time energy flowed (profile energy ÷ profile duration). */
  averagePowerKw: number | null;
  chargerKind: ChargerKind | null;
  latitude: number | null;
  longitude: number | null;
  /**
   * When the energy flowed: wall kWh (added kWh where used is unknown); sums to the session's energy.
   * Pricing uses only its shape in time, scaled to the priced energy (lib/sync/price-charge.ts).
   */
  profile: EnergySegment[];
  sampleCount: number;
};

export type DeriveChargingOptions = {
  vehicleId: string;
  /** The derivation time (injected); only used for `stale`. */
  now: Date;
  /** Default 2 h. */
  staleAfterMs?: number;
};

const t = (s: VehicleStateRow) => s.timestamp.getTime();

/**
 * Charging sessions of one vehicle from its stored states (any order; sorted by the car's timestamp).
 *
 * Session key: the vehicle id plus the exact car timestamp of the session's first state (the first
 * charging sample, or for an inferred session the idle sample that showed the new energy). Those rows
 * are immutable and unique per vehicle, and later samples only extend a session, so deriving again
 * from more states upserts the same row. Rounding would not help: the first sample only moves if an
 * earlier one is inserted afterwards, which forward polling never does, and rounding adds collisions at
 * bucket edges. The caller must feed states from before the newest stored session's first state (e.g.
 * from its `firstObservedAt` minus one state); `adoptExistingKeys` covers any remaining drift by overlap.
 *
 * Energy used: on intervals where both samples are `Charging`, wall energy is integrated with the
 * trapezoid rule over `V × I × phaseFactor` (AC) or `charger_power` (DC); dividing the counter's rise
 * over the same intervals by it measures the efficiency; `used = added ÷ efficiency` then covers the
 * parts the samples missed (a session first seen half-way, the tail after the last sample).
 */
export function deriveChargingSessions(states: readonly VehicleStateRow[], opts: DeriveChargingOptions): DerivedChargingSession[] {
  const sorted = [...states].sort((a, b) => t(a) - t(b));
  const staleAfter = opts.staleAfterMs ?? 2 * HOUR_MS;
  return groupCharges(sorted).map((g) => summarize(g, opts.vehicleId, opts.now, staleAfter));
}

function summarize(g: ChargeGroup, vehicleId: string, now: Date, staleAfterMs: number): DerivedChargingSession {
  const all = g.end && g.end !== g.states[g.states.length - 1] ? [...g.states, g.end] : g.states;
  const first = g.states[0] as VehicleStateRow;
  const last = all[all.length - 1] as VehicleStateRow;
  const phase = acPhaseFactor(all);
  const kind = chargerKind(all) ?? kindOfIdle(first);
  const power = all.map((s) => wallPowerKw(s, phase));
  const counters = runningCounters(all, g.baseKwh);
  const finalCounter = counters[counters.length - 1] ?? null;
  const hasCounter = all.some((s) => trustedCounter(s) !== null);
  const energyAddedKwh = finalCounter === null || !hasCounter ? null : Math.max(0, finalCounter - g.baseKwh);
  const efficiency = measureEfficiency(all, power, counters);
  const energyUsedKwh = energyAddedKwh !== null && efficiency !== null ? energyAddedKwh / efficiency : null;
  const toWall = efficiency ?? 1;
  const placeEff = efficiency ?? efficiencyOf(kind);

  const profile: EnergySegment[] = [];
  const push = (from: number, to: number, addedKwh: number) => {
    if (addedKwh <= 0) return;
    if (to <= from) {
      const prior = profile[profile.length - 1];
      if (prior) prior.kwh += addedKwh / toWall;
      return;
    }
    profile.push({ from: new Date(from), to: new Date(to), kwh: addedKwh / toWall });
  };
  // Energy the first sample already showed flowed before it, at roughly its power.
  const headKwh = g.inferred ? 0 : Math.max(0, (counters[0] ?? 0) - g.baseKwh);
  const headPower = power.find((p) => p > 0) ?? 0;
  let startMs = t(first);
  if (headKwh > 0) {
    const floor = g.before ? t(g.before) : t(first);
    startMs = headPower > 0 ? Math.max(floor, t(first) - (headKwh / (headPower * placeEff)) * HOUR_MS) : floor;
    push(startMs, t(first), headKwh);
  }
  if (g.inferred && g.before) startMs = t(g.before);
  const inferredSpan: [number, number] | null = g.inferred && g.before ? [t(g.before), t(first)] : null;
  if (inferredSpan) push(inferredSpan[0], inferredSpan[1], Math.max(0, (counters[0] ?? 0) - g.baseKwh));
  for (let i = 0; i + 1 < all.length; i++) {
    const a = all[i] as VehicleStateRow;
    const b = all[i + 1] as VehicleStateRow;
    const dKwh = (counters[i + 1] ?? 0) - (counters[i] ?? 0);
    const [from, to] = flowSpan(t(a), t(b), dKwh, power[i] ?? 0, power[i + 1] ?? 0, isActive(a), isActive(b), placeEff);
    push(from, to, dKwh);
  }

  const flowMs = profile.reduce((sum, s) => sum + s.to.getTime() - s.from.getTime(), 0);
  const flowKwh = profile.reduce((sum, s) => sum + s.kwh, 0);
  const open = g.end === null;
  const endedAt = open ? null : new Date(Math.max(profile[profile.length - 1]?.to.getTime() ?? t(last), startMs));
  const startBatteryLevel = startLevel(g, first);
  const endSample = g.end && g.end.odometerKm === first.odometerKm ? g.end : last;
  const position = all.find((s) => s.latitude != null && s.longitude != null) ?? null;
  const averagePowerKw = averagePower(flowKwh, flowMs, power);
  // Sparse samples can miss the top of a fast charge: the peak is the highest power seen, but never
  // below the average the energy and the time imply (40 kWh in 22 min is 110 kW however it was sampled).
  const peak = Math.max(0, ...power, averagePowerKw ?? 0);
  return {
    sessionKey: `${vehicleId}:${first.timestamp.toISOString()}`,
    vehicleId,
    source: g.inferred ? 'inferred' : 'polled',
    open,
    stale: open && now.getTime() - t(last) > staleAfterMs,
    startedAt: new Date(startMs),
    endedAt,
    firstObservedAt: first.timestamp,
    endObservedAt: g.end?.timestamp ?? null,
    startBatteryLevel,
    endBatteryLevel: endSample.batteryLevel,
    energyAddedKwh,
    energyUsedKwh,
    efficiency,
    peakPowerKw: peak > 0 ? peak : null,
    peakSeenKw: Math.max(0, ...power) || null,
    averagePowerKw,
    chargerKind: kind,
    latitude: position?.latitude ?? null,
    longitude: position?.longitude ?? null,
    profile,
    sampleCount: g.states.length,
  };
}

/** Monotone per-session counter per sample: untrusted or missing values carry the previous one forward. */
function runningCounters(all: readonly VehicleStateRow[], base: number): number[] {
  let current = base;
  return all.map((s) => {
    const c = trustedCounter(s);
    if (c !== null && c > current) current = c;
    return current;
  });
}

function measureEfficiency(all: readonly VehicleStateRow[], power: readonly number[], counters: readonly number[]): number | null {
  let wall = 0;
  let added = 0;
  for (let i = 0; i + 1 < all.length; i++) {
    const a = all[i] as VehicleStateRow;
    const b = all[i + 1] as VehicleStateRow;
    if (a.chargingState !== 'Charging' || b.chargingState !== 'Charging') continue;
    wall += (((power[i] ?? 0) + (power[i + 1] ?? 0)) / 2) * ((t(b) - t(a)) / HOUR_MS);
    added += (counters[i + 1] ?? 0) - (counters[i] ?? 0);
  }
  if (wall < MIN_MEASURED_KWH) return null;
  const eff = added / wall;
  return eff >= EFFICIENCY_BAND[0] && eff <= EFFICIENCY_BAND[1] ? eff : null;
}

/**
 * When, inside [a, b], the energy of that interval flowed: all of it when both samples charged;
 * right after `a` (at a's power) when charging stopped before `b`; right before `b` (at b's power)
 * when it resumed before `b`; spread evenly when neither sample charged (unobserved top-up).
 */
function flowSpan(
  a: number,
  b: number,
  kwh: number,
  pa: number,
  pb: number,
  activeA: boolean,
  activeB: boolean,
  eff: number,
): [number, number] {
  if (activeA && activeB) return [a, b];
  const needed = (p: number) => (p > 0 ? (kwh / (p * eff)) * HOUR_MS : b - a);
  if (activeA) return [a, Math.min(b, a + needed(pa))];
  if (activeB) return [Math.max(a, b - needed(pb)), b];
  return [a, b];
}

/**
 * The battery level before energy flowed: the preceding sample's when the car had not moved since
 * and it is not above the first charging sample (it then still shows the pre-charge level of a
 * session first seen half-way); otherwise the first sample's.
 */
function startLevel(g: ChargeGroup, first: VehicleStateRow): number | null {
  const b = g.before;
  if (
    b &&
    b.batteryLevel != null &&
    b.odometerKm === first.odometerKm &&
    (first.batteryLevel == null || b.batteryLevel <= first.batteryLevel)
  ) {
    return b.batteryLevel;
  }
  return first.batteryLevel;
}

/**
 * Energy over the time it flowed: at the wall when the efficiency is measured, else the energy added
 * to the battery (a lower bound). Only without any energy flow, the mean of the sampled powers.
 */
/**
 * A session's power over a span known from elsewhere (the Supercharger history's billed start and
 * stop): the average is the energy over the span, and the peak the highest seen but never below
 * that average. Null while the span is open or has no energy.
 */
export function powerOverSpan(o: {
  peakSeenKw: number | null;
  energyKwh: number | null;
  startedAt: Date;
  endedAt: Date | null;
}): { averagePowerKw: number; peakPowerKw: number } | null {
  const ms = o.endedAt ? o.endedAt.getTime() - o.startedAt.getTime() : 0;
  if (!(ms > 0) || !(o.energyKwh !== null && o.energyKwh > 0)) return null;
  const averagePowerKw = o.energyKwh / (ms / HOUR_MS);
  return { averagePowerKw, peakPowerKw: Math.max(o.peakSeenKw ?? 0, averagePowerKw) };
}

function averagePower(flowKwh: number, flowMs: number, power: readonly number[]): number | null {
  if (flowMs > 0 && flowKwh > 0) return flowKwh / (flowMs / HOUR_MS);
  const positive = power.filter((p) => p > 0);
  return positive.length > 0 ? positive.reduce((a, b) => a + b, 0) / positive.length : null;
}

function kindOfIdle(s: VehicleStateRow): ChargerKind | null {
  if (s.chargingState === 'Disconnected' || s.chargingState == null) return null;
  return atSupercharger(s) ? 'supercharger' : s.fastChargerPresent ? 'dc' : 'ac';
}
