import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { HttpError } from '@/lib/http/errors';
import { assignDrivers, hasDriverRules } from '@/lib/sync/assign-drivers';
import {
  preferencesPatchSchema,
  readDriverRulesZone,
  readPreferences,
  storeDriverRulesZone,
  updatePreferences,
  type Preferences,
} from './preferences';

/**
 * The body of PUT /api/settings: the preferences to change, and `reassignDrivers`, the owner's
 * answer to "judge the driver rules in the new time zone?" (rules name local times, so a new zone
 * can move drives between drivers). true: re-run the rules in the owner's zone now and from then
 * on; false: keep every drive's driver and keep judging the rules in the zone they were judged in.
 * Required when the time zone changes while a driver has rules (so no client re-runs them by
 * accident); `{"reassignDrivers": true}` alone moves rules kept in an old zone to the owner's.
 */
export const settingsPutSchema = preferencesPatchSchema
  .extend({
    reassignDrivers: z
      .boolean('must be true (re-run the driver rules in the new time zone) or false (keep the current drivers)')
      .optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'send at least one setting to change');
export type SettingsPut = z.infer<typeof settingsPutSchema>;

export type Settings = Preferences & { driverRulesTimeZone: string };

/** The preferences, and the zone the driver rules are judged in. */
export async function readSettings(db: Db): Promise<Settings> {
  const prefs = await readPreferences(db);
  return { ...prefs, driverRulesTimeZone: await readDriverRulesZone(db, prefs.timeZone) };
}

/** Applies a validated PUT in one transaction; `reassigned`: how many drives changed driver. */
export async function updateSettings(db: Db, body: SettingsPut): Promise<{ settings: Settings; reassigned: number }> {
  const { reassignDrivers, ...patch } = body;
  return db.transaction(async (tx) => {
    const before = await readSettings(tx);
    const zone = patch.timeZone ?? before.timeZone;
    const zoneChanged = zone !== before.timeZone;
    if (zoneChanged && reassignDrivers === undefined && zone !== before.driverRulesTimeZone && (await hasDriverRules(tx))) {
      const message = `Say whether to re-run the driver rules in ${zone}: they name local times, so the new zone can move drives between drivers. Send reassignDrivers: true to re-run them, false to keep the current drivers.`;
      throw new HttpError(422, 'reassign_drivers_required', message, [
        { path: 'reassignDrivers', message: 'is required when the time zone changes and drivers have rules' },
      ]);
    }
    if (Object.keys(patch).length > 0) await updatePreferences(tx, patch);
    let reassigned = 0;
    if (reassignDrivers === true) {
      await storeDriverRulesZone(tx, null);
      reassigned = await assignDrivers(tx, { timeZone: zone });
    } else if (reassignDrivers === false) {
      if (zoneChanged) await storeDriverRulesZone(tx, before.driverRulesTimeZone === zone ? null : before.driverRulesTimeZone);
    } else if (zoneChanged) {
      // No rules, or rules already judged in the new zone: from now on they follow the owner's zone.
      await storeDriverRulesZone(tx, null);
      reassigned = await assignDrivers(tx, { timeZone: zone });
    }
    return { settings: await readSettings(tx), reassigned };
  });
}
