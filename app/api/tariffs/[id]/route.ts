import { getDb } from '@/db';
import { deleteTariff, getTariff, updateTariff } from '@/db/queries/tariffs';
import { TariffBody, tariffPatch, toStoredPeriods } from '@/lib/api/bodies';
import { tariffJson } from '@/lib/api/place-json';
import { notFound, pathUuid } from '@/lib/api/query';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';

export const dynamic = 'force-dynamic';

// GET /api/tariffs/:id – one tariff.
export const GET = withAuth<{ id: string }>(async ({ params }) => {
  const tariff = await getTariff(await getDb(), pathUuid(params.id, 'tariff'));
  if (!tariff) throw notFound('tariff');
  return Response.json({ tariff: tariffJson(tariff) });
});

// PUT /api/tariffs/:id – change the given fields; the resulting tariff is validated as a whole.
export const PUT = withAuth<{ id: string }>(async ({ req, params }) => {
  const id = pathUuid(params.id, 'tariff');
  const patch = tariffPatch(await readJson(req));
  const db = await getDb();
  const current = await getTariff(db, id);
  if (!current) throw notFound('tariff');
  const { id: _id, createdAt: _c, updatedAt: _u, ...stored } = tariffJson(current);
  const body = TariffBody.parse({ ...stored, ...patch });
  const tariff = await updateTariff(db, id, { ...body, periods: toStoredPeriods(body.periods) });
  if (!tariff) throw notFound('tariff');
  return Response.json({ tariff: tariffJson(tariff) });
});

// DELETE /api/tariffs/:id – delete a tariff; places that used it are left without one.
export const DELETE = withAuth<{ id: string }>(async ({ params }) => {
  if (!(await deleteTariff(await getDb(), pathUuid(params.id, 'tariff')))) throw notFound('tariff');
  return new Response(null, { status: 204 });
});
