import { getDb } from '@/db';
import { getLatestVehicleState } from '@/db/queries/vehicles';
import { vehicleOr404 } from '@/lib/api/lookup';
import { pathVehicleRef } from '@/lib/api/query';
import { vehicleJson, vehicleStateJson } from '@/lib/api/vehicle-json';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

// GET /api/vehicles/:id – one vehicle (by id or VIN) with its latest stored state.
export const GET = withAuth<{ id: string }>(async ({ params }) => {
  const db = await getDb();
  const vehicle = await vehicleOr404(db, pathVehicleRef(params.id));
  const latest = await getLatestVehicleState(db, vehicle.id);
  return Response.json({ vehicle: vehicleJson(vehicle), latestState: latest ? vehicleStateJson(latest) : null });
});
