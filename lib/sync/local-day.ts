import { splitByLocalDay } from '@/lib/stats/time';

const HOUR_MS = 3_600_000;

/** The local calendar day of `timeZone` containing `at`: its date and [start, end) instants (DST-exact). */
export function localDay(at: Date, timeZone: string): { date: string; start: Date; end: Date } {
  const pieces = splitByLocalDay({ from: new Date(at.getTime() - 30 * HOUR_MS), to: new Date(at.getTime() + 30 * HOUR_MS) }, timeZone);
  const p = pieces.find((x) => x.from.getTime() <= at.getTime() && at.getTime() < x.to.getTime()) ?? pieces[0]!;
  return { date: p.date, start: p.from, end: p.to };
}

/** The local day `n` days after the one containing `at`. */
export function shiftDay(at: Date, n: number, timeZone: string): { date: string; start: Date; end: Date } {
  let day = localDay(at, timeZone);
  for (let i = 0; i < Math.abs(n); i++) day = localDay(n > 0 ? day.end : new Date(day.start.getTime() - 1), timeZone);
  return day;
}

/** The local month `back` months before the one containing `at`: [start, end). */
export function localMonth(at: Date, back: number, timeZone: string): { start: Date; end: Date } {
  const today = localDay(at, timeZone).date;
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = (k: number) => {
    const total = y * 12 + (m - 1) - k;
    return localDay(new Date(Date.UTC(Math.floor(total / 12), total % 12, 1, 12)), timeZone).start;
  };
  return { start: first(back), end: first(back - 1) };
}
