import { getDb } from '@/db';
import { listEnergySites } from '@/db/queries/energy';
import { siteJson } from '@/lib/api/energy-json';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

// GET /api/energy/sites – every energy site (solar + Powerwall) on the account.
export const GET = withAuth(async () => Response.json({ sites: (await listEnergySites(await getDb())).map(siteJson) }));
