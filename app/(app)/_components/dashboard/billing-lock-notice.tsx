import { getDb } from '@/db';
import { getTeslaBillingLock } from '@/db/queries/account';
import { clock } from '@/lib/clock';
import { BillingLockBanner } from '../billing-lock-banner';
import { loadPreferences } from './preferences';

/** The dashboard's banner while Tesla has this app disabled for its billing limit (nothing otherwise). */
export async function BillingLockNotice() {
  const [db, prefs] = await Promise.all([getDb(), loadPreferences()]);
  return <BillingLockBanner lock={await getTeslaBillingLock(db)} timeZone={prefs.timeZone} now={clock.now()} />;
}
