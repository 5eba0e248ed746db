import { localParts } from '@/lib/stats/time';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` ± whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-01` of the month `months` after the one `date` is in (negative goes back). */
export function addMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

/** The instant local midnight starts `date` in `timeZone` (DST-safe: the offset is measured twice). */
export function localMidnight(date: string, timeZone: string): Date {
  const wanted = Date.parse(`${date}T00:00:00Z`);
  let t = wanted;
  for (let i = 0; i < 3; i++) {
    const p = localParts(new Date(t), timeZone);
    const seen = Date.parse(`${p.date}T00:00:00Z`) + p.minuteOfDay * 60_000;
    if (seen === wanted) break;
    t -= seen - wanted;
  }
  return new Date(t);
}

/** Today's date in `timeZone`. */
export const localToday = (timeZone: string, now = new Date()): string => localParts(now, timeZone).date;
