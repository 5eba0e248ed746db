import { getDb } from '@/db';
import { countDrives, listDrives } from '@/db/queries/drives';
import { driveJson } from '@/lib/api/activity-json';
import { driveFilter } from '@/lib/api/list-params';
import { pageArgs, pageOf } from '@/lib/api/pagination';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

// GET /api/drives – drives newest first; filters vehicle, driver, from/to; cursor or page.
export const GET = withAuth(async ({ req }) => {
  const db = await getDb();
  const { filter, page } = await driveFilter(db, req, true);
  const [rows, total] = await Promise.all([
    listDrives(db, { ...filter, ...pageArgs(page) }),
    page.mode === 'page' ? countDrives(db, filter) : undefined,
  ]);
  const { items, pagination } = pageOf(rows, page, (r) => r.startedAt, total);
  return Response.json({ drives: items.map(driveJson), pagination });
});
