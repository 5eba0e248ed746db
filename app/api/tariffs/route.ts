import { getDb } from '@/db';
import { createTariff, listTariffs } from '@/db/queries/tariffs';
import { TariffBody, toStoredPeriods } from '@/lib/api/bodies';
import { tariffJson } from '@/lib/api/place-json';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';

export const dynamic = 'force-dynamic';

// GET /api/tariffs – every tariff, by name.
export const GET = withAuth(async () => Response.json({ tariffs: (await listTariffs(await getDb())).map(tariffJson) }));

// POST /api/tariffs – add a flat or time-of-use tariff.
export const POST = withAuth(async ({ req }) => {
  const body = TariffBody.parse(await readJson(req));
  const tariff = await createTariff(await getDb(), { ...body, periods: toStoredPeriods(body.periods) });
  return Response.json({ tariff: tariffJson(tariff) }, { status: 201 });
});
