import { getDb } from '@/db';
import { listDrives } from '@/db/queries/drives';
import { csvResponse } from '@/lib/api/csv';
import { driveColumns } from '@/lib/api/export-columns';
import { driveFilter } from '@/lib/api/list-params';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

const BATCH = 500;

// GET /api/export/drives.csv – every drive (oldest first; filters vehicle, driver, from/to), streamed as CSV.
export const GET = withAuth(async ({ req }) => {
  const db = await getDb();
  const { filter } = await driveFilter(db, req, false);
  return csvResponse('drives.csv', driveColumns, (last) =>
    listDrives(db, { ...filter, limit: BATCH, dir: 'asc', after: last && { at: last.startedAt, id: last.id } }),
  );
});
