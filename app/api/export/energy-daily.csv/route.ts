import { z } from 'zod';
import { getDb } from '@/db';
import { listEnergyDaily } from '@/db/queries/energy';
import { csvResponse } from '@/lib/api/csv';
import { localDateParam } from '@/lib/api/dates';
import { energyDailyColumns } from '@/lib/api/export-columns';
import { siteOr404 } from '@/lib/api/lookup';
import { invalidQuery, parseQuery } from '@/lib/api/query';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

const BATCH = 500;
const Query = z.object({ site: z.string().optional(), from: localDateParam.optional(), to: localDateParam.optional() }).strict();

// GET /api/export/energy-daily.csv – daily energy totals (kWh) per site and local date, oldest first, streamed as CSV.
export const GET = withAuth(async ({ req }) => {
  const q = parseQuery(req, Query);
  if (q.from && q.to && q.from > q.to)
    throw invalidQuery('The query string is not valid (from must not be after to).', [{ path: 'from', message: 'must not be after to' }]);
  const db = await getDb();
  const siteId = q.site === undefined ? undefined : (await siteOr404(db, q.site)).id;
  const range = { siteId, from: q.from ?? '1970-01-01', to: q.to ?? '2100-12-31' };
  return csvResponse('energy-daily.csv', energyDailyColumns, (last) =>
    listEnergyDaily(db, { ...range, limit: BATCH, after: last && { date: last.date, siteId: last.siteId } }),
  );
});
