import { z } from 'zod';
import { getDb } from '@/db';
import { listVehicleStateBuckets, listVehicleStates } from '@/db/queries/vehicles';
import { fromParam, resolveRange, timeZoneParam, toParam } from '@/lib/api/dates';
import { vehicleOr404 } from '@/lib/api/lookup';
import { intParam, parseQuery, pathVehicleRef } from '@/lib/api/query';
import { vehicleStateJson } from '@/lib/api/vehicle-json';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

/** Per resolution: default span when from is missing, longest span allowed (days). */
const SPANS = {
  raw: { defaultDays: 1, maxDays: 31 },
  hour: { defaultDays: 7, maxDays: 366 },
  day: { defaultDays: 90, maxDays: 3660 },
} as const;

const Query = z
  .object({
    from: fromParam.optional(),
    to: toParam.optional(),
    resolution: z.enum(['raw', 'hour', 'day'], 'must be raw, hour or day').default('raw'),
    tz: timeZoneParam.default('UTC'),
    limit: intParam(1, 10_000).default(2000),
  })
  .strict();

// GET /api/vehicles/:id/history – stored states in [from, to): raw snapshots or hourly/daily aggregates.
export const GET = withAuth<{ id: string }>(async ({ req, params }) => {
  const q = parseQuery(req, Query);
  const db = await getDb();
  const vehicle = await vehicleOr404(db, pathVehicleRef(params.id));
  const { from, to } = resolveRange(q, { ...SPANS[q.resolution], what: `${q.resolution} history` });
  const range = { vehicleId: vehicle.id, from, to, limit: q.limit + 1 };
  const points =
    q.resolution === 'raw'
      ? (await listVehicleStates(db, range)).map(vehicleStateJson)
      : await listVehicleStateBuckets(db, { ...range, unit: q.resolution, timeZone: q.tz });
  return Response.json({
    vehicleId: vehicle.id,
    resolution: q.resolution,
    timeZone: q.tz,
    from: from.toISOString(),
    to: to.toISOString(),
    truncated: points.length > q.limit,
    points: points.slice(0, q.limit),
  });
});
