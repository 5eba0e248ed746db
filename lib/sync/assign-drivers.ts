import 'server-only';
import type { Db } from '@/db/client';
import { applyAssignments, assignableDrives, driveCountsByDriver, listDrivers } from '@/db/queries/drivers';
import { readDriverRulesZone } from '@/lib/settings/preferences';
import { planAssignments, validRules } from '@/lib/stats';

/**
 * Brings drives in line with the drivers' rules, judged in the rules' zone (the owner's time zone
 * unless they kept the drivers when changing it; `timeZone` overrides): drives assigned by hand
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
  const timeZone = p.timeZone ?? (await readDriverRulesZone(db));
  const changes = planAssignments(candidates, drivers, timeZone);
  await applyAssignments(db, changes);
  return changes.length;
}

/** Whether any driver has a rule that can match a drive (else judging the rules in another zone changes nothing). */
export async function hasDriverRules(db: Db): Promise<boolean> {
  return (await listDrivers(db)).some((d) => validRules(d.rules).length > 0);
}

export type ReassignPreview = {
  /** The zone the rules would be judged in. */
  timeZone: string;
  /** The zone they are judged in now. */
  rulesTimeZone: string;
  /** Drives whose driver would change. */
  changes: number;
  /** Every driver in priority order with the drives they hold now and would hold (hand-assigned ones included). */
  drivers: { id: string; name: string; drives: number; drivesAfter: number }[];
  /** Drives with no driver, now and after. */
  unassigned: { drives: number; drivesAfter: number };
};

/**
 * What judging the rules in `timeZone` would do, without writing anything: the drives that would
 * change driver and each driver's count before and after (the question asked before a new time
 * zone re-runs the rules).
 */
export async function previewReassignment(db: Db, timeZone: string): Promise<ReassignPreview> {
  const [drivers, counts, rulesTimeZone] = await Promise.all([listDrivers(db), driveCountsByDriver(db), readDriverRulesZone(db)]);
  const before = new Map(counts.map((c) => [c.driverId, c.drives]));
  const after = new Map(before);
  let changes = 0;
  if (drivers.length > 0) {
    const candidates = await assignableDrives(db);
    const was = new Map(candidates.map((d) => [d.id, d.driverId]));
    for (const c of planAssignments(candidates, drivers, timeZone)) {
      const from = was.get(c.id) ?? null;
      if (from === c.driverId) continue; // only the kind of assignment changes, not the driver
      changes++;
      after.set(from, (after.get(from) ?? 0) - 1);
      after.set(c.driverId, (after.get(c.driverId) ?? 0) + 1);
    }
  }
  return {
    timeZone,
    rulesTimeZone,
    changes,
    drivers: drivers.map((d) => ({ id: d.id, name: d.name, drives: before.get(d.id) ?? 0, drivesAfter: after.get(d.id) ?? 0 })),
    unassigned: { drives: before.get(null) ?? 0, drivesAfter: after.get(null) ?? 0 },
  };
}
