import { getDb } from '@/db';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';
import { preferencesPatchSchema, readPreferences, updatePreferences } from '@/lib/settings/preferences';
import { assignDrivers } from '@/lib/sync/assign-drivers';

export const dynamic = 'force-dynamic';

// GET /api/settings – the owner's preferences with defaults filled in (units, currency, time zone, solar rule, API budget).
export const GET = withAuth(async () => Response.json({ settings: await readPreferences(await getDb()) }));

// PUT /api/settings – change the given preferences; a new time zone re-evaluates the drivers' rules (they are local times).
export const PUT = withAuth(async ({ req }) => {
  const patch = preferencesPatchSchema
    .refine((p) => Object.keys(p).length > 0, 'send at least one setting to change')
    .parse(await readJson(req));
  const db = await getDb();
  const settings = await db.transaction(async (tx) => {
    const before = await readPreferences(tx);
    const after = await updatePreferences(tx, patch);
    if (after.timeZone !== before.timeZone) await assignDrivers(tx, { timeZone: after.timeZone });
    return after;
  });
  return Response.json({ settings });
});
