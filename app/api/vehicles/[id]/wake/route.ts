import { getDb } from '@/db';
import { vehicleOr404 } from '@/lib/api/lookup';
import { pathVehicleRef } from '@/lib/api/query';
import { withAuth } from '@/lib/http/handler';
import { appTesla } from '@/lib/runtime';
import { clock } from '@/lib/clock';

export const dynamic = 'force-dynamic';

// POST /api/vehicles/:id/wake – the app's only wake: an explicit owner action, never sent by the sync.
// One `wake_up` (Tesla's most expensive call, $1/50), refused without a call once TESLA_MAX_WAKES_PER_DAY
// wakes were sent for this car in 24 h (429), the monthly budget is spent (402) or Tesla has disabled the
// app for its billing limit (503 tesla_billing_locked). The car usually still reports asleep: it comes
// online 10–60 s later. Sync scope.
export const POST = withAuth<{ id: string }>(
  async ({ params }) => {
    const db = await getDb();
    const vehicle = await vehicleOr404(db, pathVehicleRef(params.id));
    const { tesla } = await appTesla();
    const woke = await tesla.wakeVehicle(vehicle.vin);
    return Response.json(
      {
        vehicleId: vehicle.id,
        vin: vehicle.vin,
        state: woke.state,
        wakeSentAt: clock.now().toISOString(),
        message: woke.state === 'online' ? 'The car is online.' : 'Wake sent: the car usually comes online within 10–60 seconds.',
      },
      { status: 202 },
    );
  },
  { scope: 'sync' },
);
