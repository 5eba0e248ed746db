import { getDb } from '@/db';
import { createDriver, listDrivers } from '@/db/queries/drivers';
import { DriverCreate } from '@/lib/api/bodies';
import { driverJson } from '@/lib/api/driver-json';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';
import { assignDrivers } from '@/lib/sync/assign-drivers';

export const dynamic = 'force-dynamic';

// GET /api/drivers – every driver, in rule priority order.
export const GET = withAuth(async () => Response.json({ drivers: (await listDrivers(await getDb())).map(driverJson) }));

// POST /api/drivers – add a driver {name, profileId?, rules?, priority?}; drives not assigned by hand are re-assigned by the rules.
export const POST = withAuth(async ({ req }) => {
  const body = DriverCreate.parse(await readJson(req));
  const { driver, reassigned } = await (
    await getDb()
  ).transaction(async (tx) => {
    const created = await createDriver(tx, body);
    return { driver: created, reassigned: body.rules.length > 0 ? await assignDrivers(tx) : 0 };
  });
  return Response.json({ driver: driverJson(driver), reassigned }, { status: 201 });
});
