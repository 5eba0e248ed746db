import { getDb } from '@/db';
import { deleteDriver, getDriver, updateDriver } from '@/db/queries/drivers';
import { DriverUpdate } from '@/lib/api/bodies';
import { driverJson } from '@/lib/api/driver-json';
import { notFound, pathUuid } from '@/lib/api/query';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';
import { assignDrivers } from '@/lib/sync/assign-drivers';

export const dynamic = 'force-dynamic';

// GET /api/drivers/:id – one driver.
export const GET = withAuth<{ id: string }>(async ({ params }) => {
  const driver = await getDriver(await getDb(), pathUuid(params.id, 'driver'));
  if (!driver) throw notFound('driver');
  return Response.json({ driver: driverJson(driver) });
});

// PUT /api/drivers/:id – change the given fields (name, profileId, rules, priority); a rules or priority
// change re-assigns every drive not assigned by hand, in the same transaction.
export const PUT = withAuth<{ id: string }>(async ({ req, params }) => {
  const id = pathUuid(params.id, 'driver');
  const patch = DriverUpdate.parse(await readJson(req));
  const { driver, reassigned } = await (
    await getDb()
  ).transaction(async (tx) => {
    const updated = await updateDriver(tx, id, patch);
    if (!updated) throw notFound('driver');
    return { driver: updated, reassigned: patch.rules !== undefined || patch.priority !== undefined ? await assignDrivers(tx) : 0 };
  });
  return Response.json({ driver: driverJson(driver), reassigned });
});

// DELETE /api/drivers/:id – remove a driver; their drives go back to the rules (hand assignments to them are cleared).
export const DELETE = withAuth<{ id: string }>(async ({ params }) => {
  const id = pathUuid(params.id, 'driver');
  await (
    await getDb()
  ).transaction(async (tx) => {
    if (!(await deleteDriver(tx, id))) throw notFound('driver');
    await assignDrivers(tx);
  });
  return new Response(null, { status: 204 });
});
