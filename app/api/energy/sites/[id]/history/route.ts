import { z } from 'zod';
import { getDb } from '@/db';
import { energyByPeriod, listEnergyStates } from '@/db/queries/energy';
import { parseInstant, resolveDateRange, resolveRange } from '@/lib/api/dates';
import { energyStateJson, energyTotalsJson } from '@/lib/api/energy-json';
import { siteOr404 } from '@/lib/api/lookup';
import { intParam, invalidQuery, parseQuery } from '@/lib/api/query';
import { withAuth } from '@/lib/http/handler';
import { knownZone } from '@/lib/time';

export const dynamic = 'force-dynamic';

/** Per period: default span and longest span (days). `raw` reads snapshots; the others energy_daily. */
const SPANS = {
  raw: { defaultDays: 1, maxDays: 31 },
  day: { defaultDays: 30, maxDays: 732 },
  week: { defaultDays: 182, maxDays: 3660 },
  month: { defaultDays: 365, maxDays: 7320 },
  year: { defaultDays: 3650, maxDays: 18300 },
} as const;

const Query = z
  .object({
    period: z.enum(['raw', 'day', 'week', 'month', 'year'], 'must be raw, day, week, month or year').default('day'),
    from: z.string().optional(),
    to: z.string().optional(),
    limit: intParam(1, 10_000).default(2000),
  })
  .strict();

const instant = (v: string | undefined, key: 'from' | 'to') => {
  if (v === undefined) return undefined;
  const d = parseInstant(v, key === 'to');
  if (!d)
    throw invalidQuery(`The query string is not valid (${key}: must be a real date or ISO 8601 time with offset).`, [
      { path: key, message: 'not a valid time' },
    ]);
  return d;
};

// GET /api/energy/sites/:id/history – kWh per local day/week/month/year (energy_daily), or raw power snapshots (W).
export const GET = withAuth<{ id: string }>(async ({ req, params }) => {
  const q = parseQuery(req, Query);
  const db = await getDb();
  const site = await siteOr404(db, params.id);
  const timeZone = knownZone(site.timeZone);
  if (q.period === 'raw') {
    const { from, to } = resolveRange({ from: instant(q.from, 'from'), to: instant(q.to, 'to') }, { ...SPANS.raw, what: 'raw history' });
    const rows = await listEnergyStates(db, { siteId: site.id, from, to, limit: q.limit + 1 });
    return Response.json({
      siteId: site.id,
      period: 'raw',
      from: from.toISOString(),
      to: to.toISOString(),
      truncated: rows.length > q.limit,
      points: rows.slice(0, q.limit).map(energyStateJson),
    });
  }
  const range = resolveDateRange(q, { timeZone, ...SPANS[q.period], what: `${q.period} history` });
  const rows = await energyByPeriod(db, { siteId: site.id, ...range, unit: q.period });
  return Response.json({
    siteId: site.id,
    period: q.period,
    timeZone,
    from: range.from,
    to: range.to,
    periods: rows.map((r) => ({ period: r.period, ...energyTotalsJson(r) })),
  });
});
