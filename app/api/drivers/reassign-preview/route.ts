import { z } from 'zod';
import { getDb } from '@/db';
import { parseQuery } from '@/lib/api/query';
import { withAuth } from '@/lib/http/handler';
import { readPreferences } from '@/lib/settings/preferences';
import { previewReassignment } from '@/lib/sync/assign-drivers';
import { knownZone } from '@/lib/time';

export const dynamic = 'force-dynamic';

const Query = z
  .object({
    timeZone: z
      .string()
      .refine((s) => knownZone(s) === s, 'must be an IANA time zone such as Europe/Berlin or UTC')
      .optional(),
  })
  .strict();

// GET /api/drivers/reassign-preview?timeZone=… – read-only: what judging the driver rules in that zone (default: the
// owner's) would do: `changes` (drives that would change driver) and each driver's drives now and after.
export const GET = withAuth(async ({ req }) => {
  const q = parseQuery(req, Query);
  const db = await getDb();
  const timeZone = q.timeZone ?? (await readPreferences(db)).timeZone;
  return Response.json(await previewReassignment(db, timeZone));
});
