import { z } from 'zod';
import { getDb } from '@/db';
import { fromParam, resolveRange, timeZoneParam, toParam } from '@/lib/api/dates';
import { chargingStats } from '@/lib/api/charging-stats';
import { vehicleOr404 } from '@/lib/api/lookup';
import { parseQuery, vehicleRefParam } from '@/lib/api/query';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

/** Per period: default span (days) when from is missing, and the longest span allowed. */
const SPANS = {
  day: { defaultDays: 30, maxDays: 732 },
  week: { defaultDays: 182, maxDays: 3660 },
  month: { defaultDays: 365, maxDays: 7320 },
  year: { defaultDays: 1830, maxDays: 18300 },
} as const;

const Query = z
  .object({
    period: z.enum(['day', 'week', 'month', 'year'], 'must be day, week, month or year').default('month'),
    from: fromParam.optional(),
    to: toParam.optional(),
    tz: timeZoneParam.default('UTC'),
    vehicle: vehicleRefParam.optional(),
  })
  .strict();

// GET /api/charging/stats – kWh, cost, AC/DC/Supercharger split and solar share per day, week, month or year.
export const GET = withAuth(async ({ req }) => {
  const q = parseQuery(req, Query);
  const { from, to } = resolveRange(q, { ...SPANS[q.period], what: `${q.period} statistics` });
  const db = await getDb();
  const vehicleId = q.vehicle ? (await vehicleOr404(db, q.vehicle)).id : undefined;
  const stats = await chargingStats(db, { from, to, unit: q.period, timeZone: q.tz, vehicleId });
  return Response.json({
    period: q.period,
    timeZone: q.tz,
    from: from.toISOString(),
    to: to.toISOString(),
    vehicleId: vehicleId ?? null,
    ...stats,
  });
});
