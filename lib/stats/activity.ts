import { HOUR_MS, MINUTE_MS, overlapMs, splitByLocalDay } from '@/lib/time';
import type { Interval, VehicleStateRow } from './types';

/** What the free state check reports (`GET /vehicles/{id}`). */
export type StateObservation = { at: Date; state: 'online' | 'asleep' | 'offline' };
export type ActivityState = 'asleep' | 'online' | 'offline' | 'driving' | 'charging' | 'unknown';
export type ActivityInterval = { from: Date; to: Date; state: ActivityState };
/** A drive or a charge; `endedAt` null = still going (extends to the end of the window). */
export type TimedActivity = { startedAt: Date; endedAt: Date | null };

export type ActivityInput = {
  observations: readonly StateObservation[];
  drives: readonly TimedActivity[];
  charges: readonly TimedActivity[];
  /** The span to describe, e.g. [30 days ago, now] with `now` injected. */
  window: Interval;
  /** How long an observation is believed without a newer one. Default 30 min (six 5-minute ticks). */
  maxGapMs?: number;
};

/**
 * A gap-free timeline of the window. Each observed state holds until the next observation, for at
 * most `maxGapMs`; time not covered is `unknown` (the sync was not running, so nothing is claimed).
 * Drives, then charges, override it: a car is `driving` or `charging` even if the state check was
 * not polled then. Adjacent equal states are merged.
 */
export function activityIntervals(input: ActivityInput): ActivityInterval[] {
  const from = input.window.from.getTime();
  const to = input.window.to.getTime();
  const maxGap = input.maxGapMs ?? 30 * MINUTE_MS;
  const obs = [...input.observations].sort((a, b) => a.at.getTime() - b.at.getTime());
  const base: ActivityInterval[] = [];
  obs.forEach((o, i) => {
    const start = o.at.getTime();
    const next = obs[i + 1]?.at.getTime() ?? to;
    const end = Math.min(next, start + maxGap);
    if (end > start) base.push({ from: new Date(start), to: new Date(end), state: o.state });
  });
  const span = (a: TimedActivity): Interval => ({ from: a.startedAt, to: a.endedAt ?? new Date(to) });
  const drives = input.drives.map(span);
  const charges = input.charges.map(span);
  const cuts = new Set<number>([from, to]);
  for (const iv of [...base, ...drives, ...charges]) {
    for (const ms of [iv.from.getTime(), iv.to.getTime()]) if (ms > from && ms < to) cuts.add(ms);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: ActivityInterval[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const piece = { from: new Date(points[i] as number), to: new Date(points[i + 1] as number) };
    const inside = (ivs: Interval[]) => ivs.some((iv) => overlapMs(iv, piece) > 0);
    const state: ActivityState = inside(drives)
      ? 'driving'
      : inside(charges)
        ? 'charging'
        : (base.find((iv) => overlapMs(iv, piece) > 0)?.state ?? 'unknown');
    const prev = out[out.length - 1];
    if (prev && prev.state === state) prev.to = piece.to;
    else out.push({ ...piece, state });
  }
  return out;
}

/** Milliseconds per state, and the share of known time the car slept (the "we let it sleep" figure). */
export function activityTotals(intervals: readonly ActivityInterval[]): { ms: Record<ActivityState, number>; asleepShare: number | null } {
  const ms: Record<ActivityState, number> = { asleep: 0, online: 0, offline: 0, driving: 0, charging: 0, unknown: 0 };
  for (const iv of intervals) ms[iv.state] += iv.to.getTime() - iv.from.getTime();
  const known = ms.asleep + ms.online + ms.offline + ms.driving + ms.charging;
  return { ms, asleepShare: known > 0 ? ms.asleep / known : null };
}

export type IdleDrainDay = {
  /** Local date (YYYY-MM-DD) in the given time zone. */
  date: string;
  /** Battery percentage points lost while parked and not charging (negative: the pack warmed up / rounding). */
  drainPct: number;
  /** Hours of parked time the figure covers (pairs of samples that qualified). */
  parkedHours: number;
  drainKwh: number | null;
  /** Drain normalised to a 24-hour day, for days only partly covered. */
  pctPer24h: number | null;
};

export type IdleDrainInput = {
  states: readonly Pick<
    VehicleStateRow,
    'timestamp' | 'batteryLevel' | 'odometerKm' | 'chargingState' | 'shiftState' | 'chargeEnergyAddedKwh'
  >[];
  drives: readonly TimedActivity[];
  charges: readonly TimedActivity[];
  timeZone: string;
  batteryCapacityKwh?: number | null;
};

/**
 * Idle drain per local day. Every pair of consecutive samples counts when both are parked (not
 * D/R/N), neither is charging, the odometer and the charge counter did not change between them and
 * no drive or charge overlaps the span: the car only sat there. Its loss is spread over the span by
 * time and summed per local day (the sleep between the last evening sample and the first morning one
 * is exactly such a pair).
 */
export function idleDrain(input: IdleDrainInput): IdleDrainDay[] {
  const states = [...input.states].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  const busy = [...input.drives, ...input.charges].map((a) => ({ from: a.startedAt, to: a.endedAt ?? new Date(8.64e15) }));
  const days: LossByDay = new Map();
  const idle = (s: IdleDrainInput['states'][number]) =>
    !['D', 'R', 'N'].includes(s.shiftState ?? '') && !['Starting', 'Charging'].includes(s.chargingState ?? '') && s.batteryLevel != null;
  for (let i = 0; i + 1 < states.length; i++) {
    const a = states[i] as IdleDrainInput['states'][number];
    const b = states[i + 1] as IdleDrainInput['states'][number];
    const span = { from: a.timestamp, to: b.timestamp };
    const total = span.to.getTime() - span.from.getTime();
    if (total <= 0 || !idle(a) || !idle(b) || a.odometerKm !== b.odometerKm || a.chargeEnergyAddedKwh !== b.chargeEnergyAddedKwh) continue;
    if (busy.some((iv) => overlapMs(iv, span) > 0)) continue;
    addLossByLocalDay(days, span, (a.batteryLevel ?? 0) - (b.batteryLevel ?? 0), input.timeZone);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, d]) => ({
      date,
      drainPct: round(d.pct),
      parkedHours: round(d.ms / HOUR_MS),
      drainKwh: input.batteryCapacityKwh ? round((d.pct / 100) * input.batteryCapacityKwh) : null,
      pctPer24h: d.ms > 0 ? round((d.pct * 24 * HOUR_MS) / d.ms) : null,
    }));
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** Battery points lost and time parked, per local date (YYYY-MM-DD). */
export type LossByDay = Map<string, { pct: number; ms: number }>;

/** Adds `lostPct` lost over `span`, shared out over the local days it covers in proportion to time. */
export function addLossByLocalDay(days: LossByDay, span: { from: Date; to: Date }, lostPct: number, timeZone: string): void {
  const total = span.to.getTime() - span.from.getTime();
  if (total <= 0) return;
  for (const piece of splitByLocalDay(span, timeZone)) {
    const ms = piece.to.getTime() - piece.from.getTime();
    const day = days.get(piece.date) ?? { pct: 0, ms: 0 };
    day.pct += (lostPct * ms) / total;
    day.ms += ms;
    days.set(piece.date, day);
  }
}
