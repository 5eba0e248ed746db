import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getMonthlyBudgetUsd, getOwnerFields, mergeOwnerSettings } from '@/db/queries/owner';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { energySites, locations, tariffs, userConfig } from '@/db/schema';
import { knownZone } from '@/lib/time';
import { env } from '@/lib/env';
import { CURRENCY_CODE_MESSAGE, isCurrencyCode } from '@/lib/format';
import { ATTRIBUTION_RULES } from '@/lib/stats';
import { DEFAULT_ATTRIBUTION_RULE } from '@/lib/sync/settings';

/**
 * The owner's display and accounting preferences, kept in `user_config.settings` (jsonb) next to
 * `solarAttributionRule`. Storage is always metric; these only change what pages show.
 * Unset values fall back to what the data says: the energy site's time zone, the home tariff's
 * currency, TESLA_MONTHLY_BUDGET_USD.
 */
export const preferencesPatchSchema = z
  .object({
    distanceUnit: z.enum(['km', 'mi']),
    temperatureUnit: z.enum(['C', 'F']),
    currency: z.string().refine(isCurrencyCode, CURRENCY_CODE_MESSAGE),
    timeZone: z.string().refine((s) => knownZone(s) === s, 'must be an IANA time zone such as Europe/Berlin or UTC'),
    solarAttributionRule: z.enum(ATTRIBUTION_RULES),
    monthlyBudgetUsd: z.number().min(0).max(10_000),
  })
  .partial()
  .strict();

export type PreferencesPatch = z.infer<typeof preferencesPatchSchema>;
export type Preferences = Required<PreferencesPatch>;

/** The owner's preferences with every default filled in. */
export async function readPreferences(db: Db): Promise<Preferences> {
  const [row, budget, [site], [home]] = await Promise.all([
    getOwnerFields(db, { settings: userConfig.settings }),
    getMonthlyBudgetUsd(db, env().TESLA_MONTHLY_BUDGET_USD),
    db.select({ timeZone: energySites.timeZone }).from(energySites).orderBy(asc(energySites.createdAt)).limit(1),
    db
      .select({ currency: tariffs.currency })
      .from(locations)
      .innerJoin(tariffs, eq(locations.tariffId, tariffs.id))
      .where(eq(locations.isHome, true))
      .limit(1),
  ]);
  const stored = preferencesPatchSchema.strip().safeParse(pick(row?.settings ?? {}));
  const s = stored.success ? stored.data : {};
  return {
    distanceUnit: s.distanceUnit ?? 'km',
    temperatureUnit: s.temperatureUnit ?? 'C',
    currency: s.currency ?? home?.currency ?? 'EUR',
    timeZone: s.timeZone ?? knownZone(site?.timeZone),
    solarAttributionRule: s.solarAttributionRule ?? DEFAULT_ATTRIBUTION_RULE,
    monthlyBudgetUsd: budget,
  };
}

const KEYS = Object.keys(preferencesPatchSchema.shape) as (keyof PreferencesPatch)[];
function pick(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(KEYS.filter((k) => settings[k] !== undefined).map((k) => [k, settings[k]]));
}

/**
 * The zone the drivers' rules are judged in: the owner's time zone, unless the owner kept the
 * drivers when they last changed it (`settings.driverRulesTimeZone`, the zone the rules were judged
 * in before). A stored zone this server does not know counts as unset.
 */
export async function readDriverRulesZone(db: Db, ownerZone?: string): Promise<string> {
  const row = await getOwnerFields(db, { settings: userConfig.settings });
  const stored = row?.settings.driverRulesTimeZone;
  if (typeof stored === 'string' && knownZone(stored) === stored) return stored;
  return ownerZone ?? (await readPreferences(db)).timeZone;
}

/** Stores the zone the rules are judged in; null: they follow the owner's time zone. */
export async function storeDriverRulesZone(db: Db, zone: string | null): Promise<void> {
  await mergeOwnerSettings(db, { driverRulesTimeZone: zone });
}

/** Merges a validated patch into the stored settings (other keys, such as the demo's state, are kept). */
export async function updatePreferences(db: Db, patch: PreferencesPatch): Promise<Preferences> {
  await mergeOwnerSettings(db, patch);
  return readPreferences(db);
}
