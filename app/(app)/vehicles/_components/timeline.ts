import type { ActivityStretch } from '@/db/queries/vehicle-detail';
import { activityIntervals, type ActivityInterval, type ActivityState, type StateObservation, type TimedActivity } from '@/lib/stats';
import { localParts, splitByLocalDay } from '@/lib/time';

const STEP_MS = 20 * 60_000;

/**
 * The stored stretches (run-length encoded state checks) as the observations lib/stats expects:
 * one at the start of each stretch and then every 20 minutes up to its last check, so a stretch
 * is believed from its first to its last check (plus at most activityIntervals' 30-minute grace),
 * and time nobody looked at stays `unknown`.
 */
export function stretchObservations(stretches: readonly ActivityStretch[]): StateObservation[] {
  const out: StateObservation[] = [];
  for (const s of stretches) {
    const end = s.lastSeenAt.getTime();
    for (let t = s.startedAt.getTime(); t < end; t += STEP_MS) out.push({ at: new Date(t), state: s.state });
    out.push({ at: s.lastSeenAt, state: s.state });
  }
  return out;
}

export function timelineIntervals(p: {
  stretches: readonly ActivityStretch[];
  drives: readonly TimedActivity[];
  charges: readonly TimedActivity[];
  from: Date;
  to: Date;
}): ActivityInterval[] {
  return activityIntervals({
    observations: stretchObservations(p.stretches),
    drives: p.drives,
    charges: p.charges,
    window: { from: p.from, to: p.to },
  });
}

export type Band = { state: ActivityState; leftPct: number; widthPct: number; from: Date; to: Date };
export type TimelineDay = { date: string; bands: Band[]; hours: Record<ActivityState, number> };

const DAY_MIN = 1440;

/** The intervals cut at local midnights, one row per local date, bands placed by local time of day. */
export function timelineDays(intervals: readonly ActivityInterval[], timeZone: string): TimelineDay[] {
  const days = new Map<string, TimelineDay>();
  for (const iv of intervals) {
    for (const piece of splitByLocalDay(iv, timeZone)) {
      const day = days.get(piece.date) ?? {
        date: piece.date,
        bands: [],
        hours: { asleep: 0, online: 0, offline: 0, driving: 0, charging: 0, unknown: 0 },
      };
      const minutes = (piece.to.getTime() - piece.from.getTime()) / 60_000;
      const start = localParts(piece.from, timeZone).minuteOfDay + piece.from.getUTCSeconds() / 60;
      day.bands.push({
        state: iv.state,
        leftPct: (start / DAY_MIN) * 100,
        widthPct: Math.min(100, (minutes / DAY_MIN) * 100),
        from: piece.from,
        to: piece.to,
      });
      day.hours[iv.state] += minutes / 60;
      days.set(piece.date, day);
    }
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}
