import { getDb } from '@/db';
import { deleteLocation, getLocation, updateLocation } from '@/db/queries/locations';
import { LocationUpdate } from '@/lib/api/bodies';
import { ensureTariffField } from '@/lib/api/lookup';
import { locationJson } from '@/lib/api/place-json';
import { notFound, pathUuid } from '@/lib/api/query';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';

export const dynamic = 'force-dynamic';

// GET /api/locations/:id – one place.
export const GET = withAuth<{ id: string }>(async ({ params }) => {
  const location = await getLocation(await getDb(), pathUuid(params.id, 'location'));
  if (!location) throw notFound('location');
  return Response.json({ location: locationJson(location) });
});

// PUT /api/locations/:id – change the given fields.
export const PUT = withAuth<{ id: string }>(async ({ req, params }) => {
  const id = pathUuid(params.id, 'location');
  const patch = LocationUpdate.parse(await readJson(req));
  const db = await getDb();
  await ensureTariffField(db, patch.tariffId);
  const location = await updateLocation(db, id, patch);
  if (!location) throw notFound('location');
  return Response.json({ location: locationJson(location) });
});

// DELETE /api/locations/:id – forget a place (sessions and drives keep their place names).
export const DELETE = withAuth<{ id: string }>(async ({ params }) => {
  if (!(await deleteLocation(await getDb(), pathUuid(params.id, 'location')))) throw notFound('location');
  return new Response(null, { status: 204 });
});
