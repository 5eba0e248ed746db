import { getDb } from '@/db';
import { getDriver, updateDriver } from '@/db/queries/drivers';
import { DriverUpdate } from '@/lib/api/bodies';
import { driverJson } from '@/lib/api/driver-json';
import { notFound, pathUuid } from '@/lib/api/query';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';

export const dynamic = 'force-dynamic';

// GET /api/drivers/:id – one driver.
export const GET = withAuth<{ id: string }>(async ({ params }) => {
  const driver = await getDriver(await getDb(), pathUuid(params.id, 'driver'));
  if (!driver) throw notFound('driver');
  return Response.json({ driver: driverJson(driver) });
});

// PUT /api/drivers/:id – change the given fields (name, profileId, rules).
export const PUT = withAuth<{ id: string }>(async ({ req, params }) => {
  const id = pathUuid(params.id, 'driver');
  const patch = DriverUpdate.parse(await readJson(req));
  const driver = await updateDriver(await getDb(), id, patch);
  if (!driver) throw notFound('driver');
  return Response.json({ driver: driverJson(driver) });
});
