import { getDb } from '@/db';
import { getChargingSession } from '@/db/queries/charging';
import { listStatesBetween } from '@/db/queries/vehicles';
import { chargingSessionJson, splitDetailJson } from '@/lib/api/activity-json';
import { notFound, pathUuid } from '@/lib/api/query';
import { chargeSampleJson } from '@/lib/api/vehicle-json';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

/** A session still open is read up to 48 h after its start; the curve keeps at most 5000 points. */
const OPEN_SESSION_MS = 48 * 3_600_000;
const MAX_SAMPLES = 5000;

// GET /api/charging/sessions/:id – one session with its charge curve (stored states) and solar/battery/grid split.
export const GET = withAuth<{ id: string }>(async ({ params }) => {
  const db = await getDb();
  const session = await getChargingSession(db, pathUuid(params.id, 'charging session'));
  if (!session) throw notFound('charging session');
  const to = session.endedAt ?? new Date(session.startedAt.getTime() + OPEN_SESSION_MS);
  const samples = await listStatesBetween(db, { vehicleId: session.vehicleId, from: session.startedAt, to, limit: MAX_SAMPLES });
  return Response.json({
    session: { ...chargingSessionJson(session), split: splitDetailJson(session) },
    samples: samples.map(chargeSampleJson),
  });
});
