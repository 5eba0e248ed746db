import { getDb } from '@/db';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';
import { readSettings, settingsPutSchema, updateSettings } from '@/lib/settings/update-settings';

export const dynamic = 'force-dynamic';

// GET /api/settings – the owner's preferences with defaults filled in (units, currency, time zone, solar rule, API budget)
// and driverRulesTimeZone, the zone the driver rules are judged in.
export const GET = withAuth(async () => Response.json({ settings: await readSettings(await getDb()) }));

// PUT /api/settings – change the given preferences. A new time zone with driver rules needs reassignDrivers (true: re-run
// the rules in it; false: keep every drive's driver), else 422 reassign_drivers_required; `reassigned` counts moved drives.
export const PUT = withAuth(async ({ req }) => {
  const body = settingsPutSchema.parse(await readJson(req));
  return Response.json(await updateSettings(await getDb(), body));
});
