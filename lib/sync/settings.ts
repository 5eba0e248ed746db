import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { getOwnerFields } from '@/db/queries/owner';
import { userConfig } from '@/db/schema';
import { ATTRIBUTION_RULES, type AttributionRule } from '@/lib/stats';

/**
 * Default solar attribution rule: `proportional`. The gateway meters the home as one load and has
 * no notion of the car having priority over the fridge or the other way round; giving the car the
 * same solar / Powerwall / grid mix as the whole home in each 5-minute interval is the only rule
 * that needs no assumption about priorities, is neither flattering (`car_first`) nor punitive
 * (`house_first`), and sums to the site's own totals across all loads.
 */
export const DEFAULT_ATTRIBUTION_RULE: AttributionRule = 'proportional';

/** The owner's rule from `user_config.settings.solarAttributionRule`, else the default. */
export async function readAttributionRule(db: Db): Promise<AttributionRule> {
  // Only the one key: the settings document also holds the demo's state and the other preferences.
  const row = await getOwnerFields(db, { rule: sql<string | null>`${userConfig.settings}->>'solarAttributionRule'` });
  const rule = row?.rule;
  return (ATTRIBUTION_RULES as readonly unknown[]).includes(rule) ? (rule as AttributionRule) : DEFAULT_ATTRIBUTION_RULE;
}
