import { getDb } from '@/db';
import { getDrive } from '@/db/queries/drives';
import { listStatesBetween } from '@/db/queries/vehicles';
import { driveJson } from '@/lib/api/activity-json';
import { notFound, pathUuid } from '@/lib/api/query';
import { trackPointJson } from '@/lib/api/vehicle-json';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

const OPEN_DRIVE_MS = 24 * 3_600_000;
const MAX_POINTS = 5000;

// GET /api/drives/:id – one drive with its track (stored states between start and end).
export const GET = withAuth<{ id: string }>(async ({ params }) => {
  const db = await getDb();
  const drive = await getDrive(db, pathUuid(params.id, 'drive'));
  if (!drive) throw notFound('drive');
  const to = drive.endedAt ?? new Date(drive.startedAt.getTime() + OPEN_DRIVE_MS);
  const track = await listStatesBetween(db, { vehicleId: drive.vehicleId, from: drive.startedAt, to, limit: MAX_POINTS });
  return Response.json({ drive: driveJson(drive), track: track.map(trackPointJson) });
});
