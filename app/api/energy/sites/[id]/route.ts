import { getDb } from '@/db';
import { getLatestEnergyState } from '@/db/queries/energy';
import { energyStateJson, siteJson } from '@/lib/api/energy-json';
import { siteOr404 } from '@/lib/api/lookup';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

// GET /api/energy/sites/:id – one site (app id or Tesla energy_site_id) with its latest stored power flow.
export const GET = withAuth<{ id: string }>(async ({ params }) => {
  const db = await getDb();
  const site = await siteOr404(db, params.id);
  const latest = await getLatestEnergyState(db, site.id);
  return Response.json({ site: siteJson(site), latestState: latest ? energyStateJson(latest) : null });
});
