import { getDb } from '@/db';
import { getDriver, setDriveDriver } from '@/db/queries/drivers';
import { getDrive } from '@/db/queries/drives';
import { driveJson } from '@/lib/api/activity-json';
import { DriveDriverBody } from '@/lib/api/bodies';
import { notFound, pathUuid } from '@/lib/api/query';
import { HttpError } from '@/lib/http/errors';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';
import { assignDrivers } from '@/lib/sync/assign-drivers';

export const dynamic = 'force-dynamic';

// PUT /api/drives/:id/driver – assign a drive by hand {driverId | null} (rules never overwrite it),
// or hand it back to the rules {assignment: "rules"}.
export const PUT = withAuth<{ id: string }>(async ({ req, params }) => {
  const id = pathUuid(params.id, 'drive');
  const db = await getDb();
  if (!(await getDrive(db, id))) throw notFound('drive');
  const body = DriveDriverBody.parse(await readJson(req));
  await db.transaction(async (tx) => {
    if ('driverId' in body && body.driverId !== null && !(await getDriver(tx, body.driverId))) {
      throw new HttpError(422, 'invalid_input', 'The request is not valid.', [{ path: 'driverId', message: 'no driver has this id' }]);
    }
    const row = 'driverId' in body ? await setDriveDriver(tx, id, body.driverId, 'manual') : await setDriveDriver(tx, id, null, null);
    if (!row) throw notFound('drive');
    if (!('driverId' in body)) {
      const drive = await getDrive(tx, id);
      await assignDrivers(tx, { vehicleId: drive!.vehicleId, from: drive!.startedAt });
    }
  });
  const drive = await getDrive(db, id);
  return Response.json({ drive: driveJson(drive!) });
});
