import { z } from 'zod';
import { clock } from '@/lib/clock';
import { addDays, DAY_MS, daysBetween, isTimeZone, today } from '@/lib/time';
import { invalidQuery } from './query';

/**
 * Time parameters of the JSON API. An instant is ISO 8601 with an offset
 * (`2026-03-01T08:00:00+01:00`, `…Z`) or a plain date (`2026-03-01`, a UTC day). As `to`, a plain
 * date includes that whole day (the bound becomes the next midnight, exclusive). Impossible
 * calendar dates (2026-02-30, 24:61) are refused, not rolled over.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1970 && y <= 2100 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** `YYYY-MM-DD` if it names a real calendar day (1970–2100), else undefined. */
export function parseLocalDate(s: string): string | undefined {
  const m = DATE.exec(s);
  return m && realDate(Number(m[1]), Number(m[2]), Number(m[3])) ? s : undefined;
}

/** Parses an instant; `endOfDay` turns a plain date into the following midnight (an exclusive end). */
export function parseInstant(s: string, endOfDay = false): Date | undefined {
  const d = DATE.exec(s);
  if (d) {
    if (!parseLocalDate(s)) return undefined;
    const start = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
    return new Date(endOfDay ? start + DAY_MS : start);
  }
  const t = DATETIME.exec(s);
  if (!t) return undefined;
  const [h, min, sec, offH, offM] = [t[4], t[5], t[6] ?? '0', t[8] ?? '0', t[9] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (!realDate(Number(t[1]), Number(t[2]), Number(t[3])) || h > 23 || min > 59 || sec > 59 || offH > 14 || offM > 59) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

const INSTANT_HINT = 'must be a date (YYYY-MM-DD) or an ISO 8601 time with offset (2026-03-01T08:00:00+01:00), and a real one';

export const fromParam = z.string().transform((s, ctx) => {
  const d = parseInstant(s);
  if (!d) ctx.addIssue({ code: 'custom', message: INSTANT_HINT });
  return d ?? new Date(0);
});

export const toParam = z.string().transform((s, ctx) => {
  const d = parseInstant(s, true);
  if (!d) ctx.addIssue({ code: 'custom', message: INSTANT_HINT });
  return d ?? new Date(0);
});

export const localDateParam = z.string().refine((s) => parseLocalDate(s) !== undefined, 'must be a real date written YYYY-MM-DD');

/** An IANA time zone name (e.g. Europe/Berlin); periods are cut at its local midnights. */
export const timeZoneParam = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or UTC');

/**
 * Resolves an optional from/to pair (`to` defaults to now, `from` to `to - defaultDays`) and checks
 * it: from before to (400), and the span within `maxDays` (400, the limit named in the message).
 */
export function resolveRange(
  range: { from?: Date; to?: Date },
  opts: { defaultDays: number; maxDays: number; what?: string },
  now = clock.now(),
): { from: Date; to: Date } {
  const to = range.to ?? (range.from && range.from >= now ? new Date(range.from.getTime() + opts.defaultDays * DAY_MS) : now);
  const from = range.from ?? new Date(to.getTime() - opts.defaultDays * DAY_MS);
  if (from.getTime() >= to.getTime())
    throw invalidQuery('The query string is not valid (from must be before to).', [{ path: 'from', message: 'must be before to' }]);
  if (to.getTime() - from.getTime() > opts.maxDays * DAY_MS) {
    const message = `${opts.what ?? 'the range'} may span at most ${opts.maxDays} days`;
    throw invalidQuery(`The query string is not valid (${message}).`, [{ path: 'to', message }]);
  }
  return { from, to };
}

/** ISO 8601 in UTC (`…Z`), or null. */
export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** For open-ended lists: both bounds optional, but when both are given from must be before to (else 400). */
export function checkOrder(range: { from?: Date; to?: Date }): void {
  if (range.from && range.to && range.from.getTime() >= range.to.getTime()) {
    throw invalidQuery('The query string is not valid (from must be before to).', [{ path: 'from', message: 'must be before to' }]);
  }
}

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
      throw invalidQuery(`The query string is not valid (${key}: must be a real date written YYYY-MM-DD).`, [
        { path: key, message: 'must be a real date written YYYY-MM-DD' },
      ]);
    }
  }
  const to = q.to ?? (q.from ? addDays(q.from, opts.defaultDays - 1) : today(opts.timeZone));
  const from = q.from ?? addDays(to, -(opts.defaultDays - 1));
  if (from > to)
    throw invalidQuery('The query string is not valid (from must not be after to).', [{ path: 'from', message: 'must not be after to' }]);
  if (daysBetween(from, to) + 1 > opts.maxDays) {
    const message = `${opts.what} may span at most ${opts.maxDays} days`;
    throw invalidQuery(`The query string is not valid (${message}).`, [{ path: 'to', message }]);
  }
  return { from, to };
}
