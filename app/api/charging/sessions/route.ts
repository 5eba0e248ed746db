import { getDb } from '@/db';
import { countChargingSessions, listChargingSessions } from '@/db/queries/charging';
import { chargingSessionJson } from '@/lib/api/activity-json';
import { sessionFilter } from '@/lib/api/list-params';
import { pageArgs, pageOf } from '@/lib/api/pagination';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

// GET /api/charging/sessions – sessions newest first; filters vehicle, location, source, chargerType, from/to; cursor or page.
export const GET = withAuth(async ({ req }) => {
  const db = await getDb();
  const { filter, page } = await sessionFilter(db, req, true);
  const [rows, total] = await Promise.all([
    listChargingSessions(db, { ...filter, ...pageArgs(page) }),
    page.mode === 'page' ? countChargingSessions(db, filter) : undefined,
  ]);
  const { items, pagination } = pageOf(rows, page, (r) => r.startedAt, total);
  return Response.json({ sessions: items.map(chargingSessionJson), pagination });
});
