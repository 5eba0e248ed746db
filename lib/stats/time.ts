import type { Interval } from './types';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/** Milliseconds that [a.from, a.to) and [b.from, b.to) share (0 when disjoint). */
export function overlapMs(a: Interval, b: Interval): number {
  return Math.max(0, Math.min(a.to.getTime(), b.to.getTime()) - Math.max(a.from.getTime(), b.from.getTime()));
}

export function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / HOUR_MS;
}

/** Wall-clock fields of an instant in an IANA time zone. `weekday` 0 = Sunday … 6 = Saturday. */
export type LocalParts = { year: number; month: number; day: number; weekday: number; minuteOfDay: number; date: string };

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local calendar fields of `at` in `timeZone` (throws RangeError on an unknown zone). */
export function localParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { year, month, day, weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0, minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute), date };
}

/**
 * Splits [from, to) at every local midnight of `timeZone`, yielding pieces that each lie within one
 * local date. Steps minute by minute only around the boundary search, so DST days are exact.
 */
export function splitByLocalDay(interval: Interval, timeZone: string): { date: string; from: Date; to: Date }[] {
  const out: { date: string; from: Date; to: Date }[] = [];
  let t = interval.from.getTime();
  const end = interval.to.getTime();
  while (t < end) {
    const p = localParts(new Date(t), timeZone);
    const secondsIntoMinute = (t % MINUTE_MS) / 1000;
    let next = t + ((1440 - p.minuteOfDay) * 60 - secondsIntoMinute) * 1000;
    // A DST change inside the day moves local midnight by up to an hour: correct by re-reading the clock.
    for (let guard = 0; guard < 3; guard++) {
      const q = localParts(new Date(next), timeZone);
      if (q.date !== p.date && q.minuteOfDay === 0) break;
      next += q.date === p.date ? (1440 - q.minuteOfDay) * MINUTE_MS : -q.minuteOfDay * MINUTE_MS;
    }
    const pieceEnd = Math.min(end, next > t ? next : end);
    out.push({ date: p.date, from: new Date(t), to: new Date(pieceEnd) });
    t = pieceEnd;
  }
  return out;
}
