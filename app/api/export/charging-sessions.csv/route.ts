import { getDb } from '@/db';
import { listChargingSessions } from '@/db/queries/charging';
import { csvResponse } from '@/lib/api/csv';
import { chargingSessionColumns } from '@/lib/api/export-columns';
import { sessionFilter } from '@/lib/api/list-params';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

const BATCH = 500;

// GET /api/export/charging-sessions.csv – every session (oldest first, same filters as the list), streamed as CSV.
export const GET = withAuth(async ({ req }) => {
  const db = await getDb();
  const { filter } = await sessionFilter(db, req, false);
  return csvResponse('charging-sessions.csv', chargingSessionColumns, (last) =>
    listChargingSessions(db, { ...filter, limit: BATCH, dir: 'asc', after: last && { at: last.startedAt, id: last.id } }),
  );
});
