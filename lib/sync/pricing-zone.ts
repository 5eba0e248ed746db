import 'server-only';
import type { Db } from '@/db/client';
import { listSites } from '@/db/queries/sync-energy';
import { knownZone } from '@/lib/time';
import { homeSite } from './energy-step';

/**
 * The zone a tariff's time-of-use windows are read in when a charge is priced: the home energy
 * site's (the sync prices with `ctx.site`, the same `homeSite`), UTC while there is no site. Not
 * the owner's display zone. `fromSite` says whether a site gave it.
 */
export async function pricingTimeZone(db: Db): Promise<{ timeZone: string; fromSite: boolean }> {
  const site = homeSite(await listSites(db));
  return { timeZone: knownZone(site?.timeZone), fromSite: site !== undefined };
}
