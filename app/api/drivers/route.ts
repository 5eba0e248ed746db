import { getDb } from '@/db';
import { createDriver, listDrivers } from '@/db/queries/drivers';
import { DriverCreate } from '@/lib/api/bodies';
import { driverJson } from '@/lib/api/driver-json';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';

export const dynamic = 'force-dynamic';

// GET /api/drivers – every driver, by name.
export const GET = withAuth(async () => Response.json({ drivers: (await listDrivers(await getDb())).map(driverJson) }));

// POST /api/drivers – add a driver {name, profileId?, rules?}.
export const POST = withAuth(async ({ req }) => {
  const body = DriverCreate.parse(await readJson(req));
  const driver = await createDriver(await getDb(), body);
  return Response.json({ driver: driverJson(driver) }, { status: 201 });
});
