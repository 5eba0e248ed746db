import { z } from 'zod';
import { getDb } from '@/db';
import { getDriver } from '@/db/queries/drivers';
import { driverTotalsByVehicle } from '@/db/queries/drives';
import { checkOrder, fromParam, iso, toParam } from '@/lib/api/dates';
import { driverJson } from '@/lib/api/driver-json';
import { loadDriverStats } from '@/lib/api/driver-stats';
import { notFound, parseQuery, pathUuid } from '@/lib/api/query';
import { withAuth } from '@/lib/http/handler';
import { statsOf } from '@/lib/stats';

export const dynamic = 'force-dynamic';

const Query = z.object({ from: fromParam.optional(), to: toParam.optional() }).strict();
const r = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

// GET /api/drivers/:id/stats – a driver's drives in [from, to): count, km, kWh, Wh/km, hours and cost
// (drive energy × the car's charging cost per kWh): `cost` in the owner's `currency` (null when no
// charge was priced in it), `costs` per currency the charges were priced in, never converted.
export const GET = withAuth<{ id: string }>(async ({ req, params }) => {
  const id = pathUuid(params.id, 'driver');
  const q = parseQuery(req, Query);
  checkOrder(q);
  const db = await getDb();
  const driver = await getDriver(db, id);
  if (!driver) throw notFound('driver');
  const [byVehicle, stats] = await Promise.all([
    driverTotalsByVehicle(db, { driverId: id, from: q.from, to: q.to }),
    loadDriverStats(db, { driverId: id, from: q.from, to: q.to }),
  ]);
  const sum = (f: (v: (typeof byVehicle)[number]) => number) => byVehicle.reduce((s, v) => s + f(v), 0);
  const withEnergy = byVehicle.filter((v) => v.efficiencyWhPerKm !== null);
  const knownKm = withEnergy.reduce((s, v) => s + v.distanceKm, 0);
  return Response.json({
    driver: driverJson(driver),
    from: iso(q.from),
    to: iso(q.to),
    totals: {
      drives: sum((v) => v.drives),
      distanceKm: r(
        sum((v) => v.distanceKm),
        1,
      ),
      energyUsedKwh: r(
        sum((v) => v.energyUsedKwh),
        3,
      ),
      efficiencyWhPerKm: knownKm > 0 ? Math.round(withEnergy.reduce((s, v) => s + v.efficiencyWhPerKm! * v.distanceKm, 0) / knownKm) : null,
      durationHours: r(
        sum((v) => v.durationHours),
        2,
      ),
      cost: statsOf(stats.byDriver, id).cost,
      currency: stats.currency,
      costs: statsOf(stats.byDriver, id).costs,
    },
    byVehicle: byVehicle.map((v) => ({ ...v, firstDriveAt: iso(v.firstDriveAt), lastDriveAt: iso(v.lastDriveAt) })),
  });
});
