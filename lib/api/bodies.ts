import { z } from 'zod';
import type { TouPeriod } from '@/db/schema';
import { HttpError } from '@/lib/http/errors';
import { CURRENCY_CODE_MESSAGE, isCurrencyCode } from '@/lib/format';
import { DriverRules } from '@/lib/stats/driver-rules';
import { hasControl } from './query';

/**
 * Request bodies of the writable endpoints (drivers, locations, tariffs). Strict objects: an
 * unknown field is a 422, as is every out-of-range value. Names are plain text: trimmed, 1–100
 * characters, no control characters and no < or > (quotes and apostrophes are fine: O'Brien).
 */
export const nameField = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .refine((s) => !hasControl(s) && !/[<>]/.test(s), 'must be plain text (no control characters, < or >)');

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
export const timeOfDay = z.string().regex(HHMM, 'must be a time HH:mm from 00:00 to 23:59');
const endTime = z.string().refine((s) => HHMM.test(s) || s === '24:00', 'must be a time HH:mm from 00:01 to 24:00');
const weekdays = z
  .array(z.int('days are whole numbers').min(0, 'days run from 0 (Sunday)').max(6, 'days run to 6 (Saturday)'))
  .min(1, 'name at least one day')
  .max(7)
  .refine((d) => new Set(d).size === d.length, 'lists a day twice');

// ---------- drivers ----------

export { DriverRule } from '@/lib/stats/driver-rules';

const driverFields = {
  name: nameField,
  profileId: z
    .string()
    .regex(/^[\w.-]{1,50}$/, 'must be 1–50 letters, digits, _ . or -')
    .nullable(),
  rules: DriverRules,
  priority: z.int('must be a whole number').min(0, 'must be from 0 to 1000').max(1000, 'must be from 0 to 1000'),
};
export const DriverCreate = z
  .object({
    ...driverFields,
    profileId: driverFields.profileId.default(null),
    rules: driverFields.rules.default([]),
    priority: driverFields.priority.default(0),
  })
  .strict();
export const DriverUpdate = z
  .object({
    name: driverFields.name.optional(),
    profileId: driverFields.profileId.optional(),
    rules: driverFields.rules.optional(),
    priority: driverFields.priority.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'send at least one of name, profileId, rules, priority');

/** PUT /api/drives/:id/driver: a driver by hand (null: nobody), or `{ "assignment": "rules" }` to hand it back to the rules. */
export const DriveDriverBody = z.union(
  [
    z.object({ driverId: z.uuid('must be a driver id').nullable() }).strict(),
    z.object({ assignment: z.literal('rules', 'must be "rules"') }).strict(),
  ],
  'send {"driverId": "<uuid>" | null} or {"assignment": "rules"}',
);

// ---------- locations ----------

const locationFields = {
  name: nameField,
  latitude: z.number('must be a number').min(-90, 'must be from -90 to 90').max(90, 'must be from -90 to 90'),
  longitude: z.number('must be a number').min(-180, 'must be from -180 to 180').max(180, 'must be from -180 to 180'),
  radiusM: z.int('must be a whole number of metres').min(1, 'must be at least 1 m').max(100_000, 'must be at most 100000 m'),
  tariffId: z.uuid('must be a tariff id').nullable(),
  isHome: z.boolean(),
};
export const LocationCreate = z
  .object({
    ...locationFields,
    radiusM: locationFields.radiusM.default(100),
    tariffId: locationFields.tariffId.default(null),
    isHome: locationFields.isHome.default(false),
  })
  .strict();
export const LocationUpdate = z
  .object(
    Object.fromEntries(Object.entries(locationFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof locationFields]: z.ZodOptional<(typeof locationFields)[K]>;
    },
  )
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change');

// ---------- tariffs ----------

const price = (max: number) => z.number('must be a number').min(0, 'must not be negative').max(max, `must be at most ${max}`);

/**
 * A time-of-use window in the API: [from, to) local time on the listed days (0 = Sunday). A window
 * that crosses midnight (22:00–06:00) must say so with `crossesMidnight: true`, so a typo cannot
 * silently make a 20-hour window. It is stored as the schema's TouPeriod (to ≤ from = crossing).
 */
export const TouPeriodBody = z
  .object({ days: weekdays, from: timeOfDay, to: endTime, pricePerKwh: price(1000), crossesMidnight: z.boolean().default(false) })
  .strict()
  .superRefine((p, ctx) => {
    const crosses = minutes(p.to) <= minutes(p.from);
    if (crosses && !p.crossesMidnight)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from; for a window past midnight set crossesMidnight: true' });
    if (!crosses && p.crossesMidnight) ctx.addIssue({ code: 'custom', path: ['crossesMidnight'], message: 'is true but to is after from' });
  });

export const TariffBody = z
  .object({
    name: nameField,
    kind: z.enum(['flat', 'time_of_use'], 'must be flat or time_of_use'),
    currency: z.string().refine(isCurrencyCode, CURRENCY_CODE_MESSAGE),
    pricePerKwh: price(1000),
    periods: z.array(TouPeriodBody).max(50, 'at most 50 periods').default([]),
    sessionFee: price(10_000).default(0),
    feedInPricePerKwh: price(1000).nullable().default(null),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.kind === 'flat' && t.periods.length > 0)
      ctx.addIssue({ code: 'custom', path: ['periods'], message: 'a flat tariff has no periods' });
    if (t.kind === 'time_of_use' && t.periods.length === 0)
      ctx.addIssue({ code: 'custom', path: ['periods'], message: 'a time_of_use tariff needs at least one period' });
    const clash = firstOverlap(t.periods);
    if (clash) ctx.addIssue({ code: 'custom', path: ['periods', clash[1]], message: `overlaps period ${clash[0]}` });
  });
export type TariffBody = z.infer<typeof TariffBody>;

/** Marks each period's minutes of the week; the first pair of periods sharing a minute, if any. */
function firstOverlap(periods: readonly { days: number[]; from: string; to: string }[]): [number, number] | undefined {
  const week = new Int16Array(7 * 1440).fill(-1);
  for (const [i, p] of periods.entries()) {
    const from = minutes(p.from);
    const to = minutes(p.to) <= from ? minutes(p.to) + 1440 : minutes(p.to);
    for (const day of p.days) {
      for (let m = from; m < to; m++) {
        const slot = (day * 1440 + m) % (7 * 1440);
        if (week[slot]! >= 0 && week[slot] !== i) return [week[slot]!, i];
        week[slot] = i;
      }
    }
  }
  return undefined;
}

/** The stored form of the body's periods (crossesMidnight is implied by to ≤ from). */
export const toStoredPeriods = (periods: TariffBody['periods']): TouPeriod[] =>
  periods.map(({ days, from, to, pricePerKwh }) => ({ days, from, to, pricePerKwh }));

/** The API form of stored periods. */
export const toApiPeriods = (periods: readonly TouPeriod[]) =>
  periods.map((p) => ({ ...p, crossesMidnight: minutes(p.to) <= minutes(p.from) }));

const TARIFF_FIELDS = new Set(['name', 'kind', 'currency', 'pricePerKwh', 'periods', 'sessionFee', 'feedInPricePerKwh']);

/**
 * A tariff patch for PUT: a JSON object with only tariff fields. Checked on the parsed JSON's own
 * keys, before any merging, so a `__proto__` or `constructor` key is refused (422) instead of lost.
 */
export function tariffPatch(raw: unknown): Record<string, unknown> {
  const invalid = (message: string, path = '') => new HttpError(422, 'invalid_input', 'The request is not valid.', [{ path, message }]);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('the body must be a JSON object of tariff fields');
  const unknown = Object.keys(raw).filter((k) => !TARIFF_FIELDS.has(k));
  if (unknown.length > 0)
    throw invalid(
      `unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.map((k) => k.slice(0, 40)).join(', ')}`,
      unknown[0]!.slice(0, 40),
    );
  return raw as Record<string, unknown>;
}
