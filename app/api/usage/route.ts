import { z } from 'zod';
import { getDb } from '@/db';
import { monthlyUsage } from '@/lib/api/usage';
import { invalidQuery, parseQuery } from '@/lib/api/query';
import { withAuth } from '@/lib/http/handler';
import { readPreferences } from '@/lib/settings/preferences';
import { clock } from '@/lib/clock';

export const dynamic = 'force-dynamic';

const Query = z
  .object({
    month: z
      .string()
      .regex(/^(19[7-9]\d|20\d\d)-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM')
      .optional(),
  })
  .strict();

// GET /api/usage – Tesla API requests and cost this month (or ?month=YYYY-MM) by category, budget, credit, forecast.
export const GET = withAuth(async ({ req }) => {
  const q = parseQuery(req, Query);
  const now = clock.now();
  const [year, month] = q.month ? (q.month.split('-').map(Number) as [number, number]) : [now.getUTCFullYear(), now.getUTCMonth() + 1];
  if (Date.UTC(year, month - 1, 1) > now.getTime())
    throw invalidQuery('The query string is not valid (month is in the future).', [{ path: 'month', message: 'is in the future' }]);
  const db = await getDb();
  return Response.json(await monthlyUsage(db, { year, month, budgetUsd: (await readPreferences(db)).monthlyBudgetUsd, now }));
});
