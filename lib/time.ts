import { TZDate, tz, tzOffset } from '@date-fns/tz';
import {
  addDays as addDaysFns,
  addMonths as addMonthsFns,
  differenceInCalendarDays,
  format,
  parseISO,
  startOfDay,
  startOfMonth,
} from 'date-fns';
import { clock } from './clock';

/**
 * Dates and time zones, in one place, on date-fns and @date-fns/tz. Pages, the JSON API, the sync
 * and the statistics all use these; "now" comes from `lib/clock` (never the wall clock by accident).
 *
 * - An instant is a `Date`. A local calendar date is a string `YYYY-MM-DD` (no zone attached).
 * - A local day of a time zone is [its midnight, the next midnight): 23 or 25 hours long on the days
 *   daylight saving changes, and starting at 01:00 where midnight does not exist (America/Santiago).
 * - An unknown zone throws a RangeError (`knownZone` turns a stored zone into UTC instead).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
/** 24 hours. Not a local day's length: use `localDay`, `addDays` or `shiftDay` for calendar days. */
export const DAY_MS = 86_400_000;

export type Interval = { from: Date; to: Date };
export type LocalDay = { date: string; start: Date; end: Date };
/** Wall-clock fields of an instant in a zone. `weekday` 0 = Sunday … 6 = Saturday. */
export type LocalParts = { year: number; month: number; day: number; weekday: number; minuteOfDay: number; date: string };

const UTC = tz('UTC');
const ZONES = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);

/** Whether `zone` is an IANA time zone this runtime knows (or UTC). */
export const isTimeZone = (zone: string): boolean => ZONES.has(zone);

/** A stored zone if it is a known IANA zone, else UTC (a site with a bad or missing zone never breaks a request). */
export const knownZone = (zone: string | null | undefined): string => (zone && ZONES.has(zone) ? zone : 'UTC');

const checked = new Set<string>();

/** Throws a RangeError unless `timeZone` is one Intl knows (aliases such as US/Pacific included). */
function assertZone(timeZone: string): void {
  if (checked.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new RangeError(`Unknown time zone: ${timeZone}`);
  }
  checked.add(timeZone);
}

function zoned(at: Date | number, timeZone: string): TZDate {
  assertZone(timeZone);
  return new TZDate(typeof at === 'number' ? at : at.getTime(), timeZone);
}

const plain = (d: Date): Date => new Date(d.getTime());

/** Local calendar fields of `at` in `timeZone`: one offset look-up (the sync calls this per drive and interval). */
export function localParts(at: Date, timeZone: string): LocalParts {
  assertZone(timeZone);
  const offset = tzOffset(timeZone, at);
  const d = new Date(at.getTime() + offset * MINUTE_MS);
  const [year, month, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { year, month, day, weekday: d.getUTCDay(), minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(), date };
}

/** The local date (YYYY-MM-DD) of `at` in `timeZone`. */
export const localDate = (at: Date, timeZone: string): string => localParts(at, timeZone).date;

/** Today's local date in `timeZone`, by the app's clock. */
export const today = (timeZone: string, now: Date = clock.now()): string => localDate(now, timeZone);

/** The instant local `date` begins in `timeZone` (its midnight, or the first minute after a skipped one). */
export function dayStart(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  assertZone(timeZone);
  return plain(new TZDate(y, m - 1, d, timeZone));
}

/** The local day `date` of `timeZone` as instants [start, end). */
export const dayOf = (date: string, timeZone: string): LocalDay => ({
  date,
  start: dayStart(date, timeZone),
  end: dayStart(addDays(date, 1), timeZone),
});

/** The local day of `timeZone` containing `at`: its date and [start, end) instants. */
export function localDay(at: Date, timeZone: string): LocalDay {
  const start = startOfDay(zoned(at, timeZone));
  return { date: format(start, 'yyyy-MM-dd'), start: plain(start), end: plain(addDaysFns(start, 1)) };
}

/** The local day `n` days after the one containing `at`. */
export const shiftDay = (at: Date, n: number, timeZone: string): LocalDay => dayOf(addDays(localDate(at, timeZone), n), timeZone);

/** The local month `back` months before the one containing `at`: [start, end). */
export function localMonth(at: Date, back: number, timeZone: string): { start: Date; end: Date } {
  const start = startOfMonth(addMonthsFns(startOfMonth(zoned(at, timeZone)), -back));
  return { start: plain(start), end: plain(addMonthsFns(start, 1)) };
}

const utcDate = (date: string) => parseISO(date, { in: UTC });
const ymd = (d: Date) => format(d, 'yyyy-MM-dd', { in: UTC });

/** `date` ± whole days (calendar arithmetic on YYYY-MM-DD, no zone involved). */
export const addDays = (date: string, days: number): string => ymd(addDaysFns(utcDate(date), days));

/** The first day (`YYYY-MM-01`) of the month `months` after the one `date` is in (negative goes back). */
export const addMonths = (date: string, months: number): string => ymd(addMonthsFns(startOfMonth(utcDate(date)), months));

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => differenceInCalendarDays(utcDate(to), utcDate(from), { in: UTC });

/** The Monday of the week `date` is in. */
export const weekStart = (date: string): string => addDays(date, -((utcDate(date).getDay() + 6) % 7));

/**
 * Splits [from, to) at every local midnight of `timeZone`, yielding pieces that each lie within one
 * local date (DST days exact).
 */
export function splitByLocalDay(interval: Interval, timeZone: string): { date: string; from: Date; to: Date }[] {
  const out: { date: string; from: Date; to: Date }[] = [];
  const end = interval.to.getTime();
  let t = interval.from.getTime();
  while (t < end) {
    const day = localDay(new Date(t), timeZone);
    const pieceEnd = Math.min(end, day.end.getTime());
    out.push({ date: day.date, from: new Date(t), to: new Date(pieceEnd) });
    t = pieceEnd;
  }
  return out;
}

/** Milliseconds that [a.from, a.to) and [b.from, b.to) share (0 when disjoint). */
export function overlapMs(a: Interval, b: Interval): number {
  return Math.max(0, Math.min(a.to.getTime(), b.to.getTime()) - Math.max(a.from.getTime(), b.from.getTime()));
}

export const hoursBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / HOUR_MS;
