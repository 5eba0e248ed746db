import { localParts } from '@/lib/stats/time';
import { DAY_MS, parseLocalDate } from './dates';
import { invalidQuery } from './query';

/** Today's date in `timeZone` (YYYY-MM-DD). */
export const todayIn = (timeZone: string, now = new Date()): string => localParts(now, timeZone).date;

/** `date` ± whole days (calendar arithmetic on YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * A local date range, both ends inclusive: `to` defaults to today in `timeZone`, `from` to
 * `defaultDays - 1` days before it. 400 when a value is not a real date, from is after to, or the
 * range is longer than `maxDays`.
 */
export function resolveDateRange(
  q: { from?: string; to?: string },
  opts: { timeZone: string; defaultDays: number; maxDays: number; what: string },
): { from: string; to: string } {
  for (const key of ['from', 'to'] as const) {
    const v = q[key];
    if (v !== undefined && !parseLocalDate(v)) {
      throw invalidQuery(`The query string is not valid (${key}: must be a real date written YYYY-MM-DD).`, [{ path: key, message: 'must be a real date written YYYY-MM-DD' }]);
    }
  }
  const to = q.to ?? (q.from ? addDays(q.from, opts.defaultDays - 1) : todayIn(opts.timeZone));
  const from = q.from ?? addDays(to, -(opts.defaultDays - 1));
  if (from > to) throw invalidQuery('The query string is not valid (from must not be after to).', [{ path: 'from', message: 'must not be after to' }]);
  if (daysBetween(from, to) + 1 > opts.maxDays) {
    const message = `${opts.what} may span at most ${opts.maxDays} days`;
    throw invalidQuery(`The query string is not valid (${message}).`, [{ path: 'to', message }]);
  }
  return { from, to };
}
