import { getDb } from '@/db';
import { getLatestEnergyState } from '@/db/queries/energy';
import { energyStateJson } from '@/lib/api/energy-json';
import { siteOr404 } from '@/lib/api/lookup';
import { withAuth } from '@/lib/http/handler';
import { clock } from '@/lib/clock';

export const dynamic = 'force-dynamic';

// GET /api/energy/sites/:id/live – the latest stored live_status (from the database, no Tesla call).
export const GET = withAuth<{ id: string }>(async ({ params }) => {
  const db = await getDb();
  const site = await siteOr404(db, params.id);
  const latest = await getLatestEnergyState(db, site.id);
  return Response.json({
    siteId: site.id,
    ageSeconds: latest ? Math.max(0, Math.round((clock.ms() - latest.timestamp.getTime()) / 1000)) : null,
    live: latest ? energyStateJson(latest) : null,
  });
});
