import { getDb } from '@/db';
import { createLocation, listLocations } from '@/db/queries/locations';
import { LocationCreate } from '@/lib/api/bodies';
import { ensureTariffField } from '@/lib/api/lookup';
import { locationJson } from '@/lib/api/place-json';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';

export const dynamic = 'force-dynamic';

// GET /api/locations – every named place, by name.
export const GET = withAuth(async () => Response.json({ locations: (await listLocations(await getDb())).map(locationJson) }));

// POST /api/locations – add a place {name, latitude, longitude, radiusM?, tariffId?, isHome?}; one home at most.
export const POST = withAuth(async ({ req }) => {
  const body = LocationCreate.parse(await readJson(req));
  const db = await getDb();
  await ensureTariffField(db, body.tariffId);
  return Response.json({ location: locationJson(await createLocation(db, body)) }, { status: 201 });
});
