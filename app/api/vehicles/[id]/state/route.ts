import { getDb } from '@/db';
import { getLatestVehicleState } from '@/db/queries/vehicles';
import { vehicleOr404 } from '@/lib/api/lookup';
import { pathVehicleRef } from '@/lib/api/query';
import { vehicleStateJson } from '@/lib/api/vehicle-json';
import { withAuth } from '@/lib/http/handler';
import { clock } from '@/lib/clock';

export const dynamic = 'force-dynamic';

// GET /api/vehicles/:id/state – the latest stored state (from the database; never wakes the car).
export const GET = withAuth<{ id: string }>(async ({ params }) => {
  const db = await getDb();
  const vehicle = await vehicleOr404(db, pathVehicleRef(params.id));
  const latest = await getLatestVehicleState(db, vehicle.id);
  return Response.json({
    vehicleId: vehicle.id,
    vin: vehicle.vin,
    ageSeconds: latest ? Math.max(0, Math.round((clock.ms() - latest.timestamp.getTime()) / 1000)) : null,
    state: latest ? vehicleStateJson(latest) : null,
  });
});
