import { addLocalDays, localParts, localToEpoch, startOfLocalDay } from '../time-zone';
import { BUCKET_MS } from './energy-history';

/**
 * calendar_history range semantics (the reference leaves them [U], §9.4; this is the simulator's
 * choice): the local period containing `end_date` (default now) — `day` as 5-minute buckets (or
 * hourly, or one entry for the whole day: `ApiOptions.calendarHistoryBuckets`),
 * `week` (Monday-based) and `month` as daily buckets, `year` as monthly, `lifetime` as yearly.
 * A `start_date` widens the range back to the bucket containing it. Buckets start at local
 * midnight / the 1st, in the requested time zone.
 */
export type Period = 'day' | 'week' | 'month' | 'year' | 'lifetime';

export interface Bucket {
  start: number;
  end: number;
}

type Granularity = 'five' | 'hour' | 'day' | 'month' | 'year';

function nextBoundary(granularity: Granularity, tz: string, t: number): number {
  if (granularity === 'five') return t + BUCKET_MS;
  if (granularity === 'hour') return t + 3_600_000;
  if (granularity === 'day') return addLocalDays(tz, t, 1);
  const p = localParts(tz, t + 12 * 3_600_000);
  return granularity === 'month' ? localToEpoch(tz, p.year, p.month + 1, 1) : localToEpoch(tz, p.year + 1, 1, 1);
}

function floorTo(granularity: Granularity, tz: string, t: number): number {
  if (granularity === 'five') return Math.floor(t / BUCKET_MS) * BUCKET_MS;
  const p = localParts(tz, t);
  if (granularity === 'hour') return Math.round(t - (p.minuteOfDay % 60) * 60_000);
  if (granularity === 'day') return localToEpoch(tz, p.year, p.month, p.day);
  return granularity === 'month' ? localToEpoch(tz, p.year, p.month, 1) : localToEpoch(tz, p.year, 1, 1);
}

export function periodBuckets(params: {
  period: Period;
  tz: string;
  end: number;
  start: number | null;
  origin: number;
  now: number;
  /** Buckets of `period=day` (default five_minutes). */
  day?: 'five_minutes' | 'hourly' | 'daily';
}): Bucket[] {
  const { period, tz, end, start, origin, now } = params;
  const dayGranularity = params.day === 'hourly' ? 'hour' : params.day === 'daily' ? 'day' : 'five';
  const granularity: Granularity =
    period === 'day' ? dayGranularity : period === 'week' || period === 'month' ? 'day' : period === 'year' ? 'month' : 'year';
  const dayStart = startOfLocalDay(tz, end);
  let from: number;
  let to: number;
  if (period === 'day') {
    from = dayStart;
    to = addLocalDays(tz, dayStart, 1);
  } else if (period === 'week') {
    from = addLocalDays(tz, dayStart, -((localParts(tz, dayStart).weekday + 6) % 7));
    to = addLocalDays(tz, from, 7);
  } else if (period === 'month') {
    from = floorTo('month', tz, end);
    to = nextBoundary('month', tz, from);
  } else if (period === 'year') {
    from = floorTo('year', tz, end);
    to = nextBoundary('year', tz, from);
  } else {
    from = floorTo('year', tz, origin);
    to = nextBoundary('year', tz, floorTo('year', tz, now));
  }
  if (start !== null && start < from) from = floorTo(granularity, tz, start);
  const out: Bucket[] = [];
  for (let b = from; b < to && b < now;) {
    const next = nextBoundary(granularity, tz, b);
    if (next > origin) out.push({ start: b, end: next });
    b = next;
  }
  return out;
}
