import { z } from 'zod';
import { localParts } from '@/lib/time';

/**
 * Driver assignment rules. A rule matches a drive when every criterion it names matches:
 * - `vehicleId`: the drive's car;
 * - `days` (0 = Sunday … 6) and the window [`from`, `to`) in the owner's local time, both judged at
 *   the drive's start. `to` ≤ `from` crosses midnight, and `days` name the day the window starts on
 *   (Fri 22:00–06:00 covers Saturday 03:00), as for time-of-use tariff periods;
 * - `startLocationId`: the named place the drive started at.
 * Pure: the time zone is injected; no I/O. Client-safe (zod only).
 */
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const ruleTimeOfDay = z.string().regex(HHMM, 'must be a time HH:mm from 00:00 to 23:59');
const ruleEndTime = z.string().refine((s) => HHMM.test(s) || s === '24:00', 'must be a time HH:mm from 00:01 to 24:00');
const ruleDays = z
  .array(z.int('days are whole numbers').min(0, 'days run from 0 (Sunday)').max(6, 'days run to 6 (Saturday)'))
  .min(1, 'name at least one day')
  .max(7)
  .refine((d) => new Set(d).size === d.length, 'lists a day twice');

/** How a drive is assigned to a driver automatically: every given criterion must match. */
export const DriverRule = z
  .object({
    vehicleId: z.uuid('must be a vehicle id').optional(),
    days: ruleDays.optional(),
    from: ruleTimeOfDay.optional(),
    to: ruleEndTime.optional(),
    startLocationId: z.uuid('must be a location id').optional(),
  })
  .strict()
  .refine((r) => (r.from === undefined) === (r.to === undefined), { message: 'give both from and to, or neither', path: ['to'] })
  .refine((r) => Object.keys(r).length > 0, 'a rule needs at least one criterion');
export type DriverRule = z.infer<typeof DriverRule>;

export const DriverRules = z.array(DriverRule).max(20, 'at most 20 rules');

/** How a drive got its driver: by a rule, or by hand (never overwritten by rules). */
export const DRIVER_ASSIGNMENTS = ['rule', 'manual'] as const;
export type DriverAssignment = (typeof DRIVER_ASSIGNMENTS)[number];

export type RuleDriver = { id: string; rules: readonly unknown[] };
export type RuleDrive = { vehicleId: string; startedAt: Date; startLocationId: string | null };

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether one (valid) rule matches a drive starting at local (weekday, minuteOfDay). */
export function ruleMatches(rule: DriverRule, drive: RuleDrive, local: { weekday: number; minuteOfDay: number }): boolean {
  if (rule.vehicleId !== undefined && rule.vehicleId !== drive.vehicleId) return false;
  if (rule.startLocationId !== undefined && rule.startLocationId !== drive.startLocationId) return false;
  const days = rule.days ?? [0, 1, 2, 3, 4, 5, 6];
  const { weekday, minuteOfDay } = local;
  if (rule.from === undefined || rule.to === undefined) return days.includes(weekday);
  const from = minutes(rule.from);
  const to = minutes(rule.to);
  if (to > from) return days.includes(weekday) && minuteOfDay >= from && minuteOfDay < to;
  const yesterday = (weekday + 6) % 7;
  return (days.includes(weekday) && minuteOfDay >= from) || (days.includes(yesterday) && minuteOfDay < to);
}

/** A driver's stored rules that parse; a malformed stored rule matches nothing (never throws). */
export function validRules(rules: readonly unknown[]): DriverRule[] {
  return rules.flatMap((r) => {
    const parsed = DriverRule.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The driver a drive belongs to by rule: the first driver, in the given order (priority), with a
 * matching rule; null when none matches. The caller passes drivers already in priority order.
 */
export function assignDriver(drive: RuleDrive, drivers: readonly RuleDriver[], timeZone: string): string | null {
  const local = localParts(drive.startedAt, timeZone);
  for (const d of drivers) {
    if (validRules(d.rules).some((r) => ruleMatches(r, drive, local))) return d.id;
  }
  return null;
}

export type AssignableDrive = RuleDrive & { id: string; driverId: string | null; driverAssignment: string | null };
export type AssignmentChange = { id: string; driverId: string | null; driverAssignment: DriverAssignment | null };

/**
 * The changes that bring drives in line with the rules: manual assignments are kept as they are;
 * every other drive gets the rule's driver ('rule') or none (null). Only drives that change are returned.
 */
export function planAssignments(drives: readonly AssignableDrive[], drivers: readonly RuleDriver[], timeZone: string): AssignmentChange[] {
  const out: AssignmentChange[] = [];
  for (const drive of drives) {
    if (drive.driverAssignment === 'manual') continue;
    const driverId = assignDriver(drive, drivers, timeZone);
    const driverAssignment = driverId ? 'rule' : null;
    if (driverId !== drive.driverId || driverAssignment !== drive.driverAssignment) out.push({ id: drive.id, driverId, driverAssignment });
  }
  return out;
}
