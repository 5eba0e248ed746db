import { getDb } from '@/db';
import { listVehicles } from '@/db/queries/vehicles';
import { withAuth } from '@/lib/http/handler';
import { vehicleJson } from '@/lib/api/vehicle-json';

export const dynamic = 'force-dynamic';

// GET /api/vehicles – every vehicle on the account, by name.
export const GET = withAuth(async () => Response.json({ vehicles: (await listVehicles(await getDb())).map(vehicleJson) }));
