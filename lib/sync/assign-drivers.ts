import 'server-only';
import type { Db } from '@/db/client';
import { applyAssignments, assignableDrives, listDrivers } from '@/db/queries/drivers';
import { readPreferences } from '@/lib/settings/preferences';
import { planAssignments } from '@/lib/stats';

/**
 * Brings drives in line with the drivers' rules, in the owner's time zone: drives assigned by hand
 * are never touched; every other drive (optionally one car's, from `from` on) gets the first
 * matching driver in priority order, or none. Idempotent: only drives whose driver changes are
 * written. Returns how many changed. Run it inside a transaction when rules change with it.
 */
export async function assignDrivers(db: Db, p: { vehicleId?: string; from?: Date; timeZone?: string } = {}): Promise<number> {
  const drivers = await listDrivers(db);
  // No driver: no drive can hold one either (drives.driver_id is set null when its driver is
  // deleted), so nothing can change. The common case, run by every sync: the drives are not read.
  if (drivers.length === 0) return 0;
  const candidates = await assignableDrives(db, { vehicleId: p.vehicleId, from: p.from });
  const timeZone = p.timeZone ?? (await readPreferences(db)).timeZone;
  const changes = planAssignments(candidates, drivers, timeZone);
  await applyAssignments(db, changes);
  return changes.length;
}
