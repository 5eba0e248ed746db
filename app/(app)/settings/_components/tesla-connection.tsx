import { asc } from 'drizzle-orm';
import { getDb } from '@/db';
import { userConfig } from '@/db/schema';
import { env } from '@/lib/env';
import { card, muted } from './form-ui';

/**
 * The Tesla connection: whether a refresh token is stored (never shown) and the mode. A minimal
 * version; the full connect/disconnect section replaces this file (same export, no props).
 */
export async function TeslaConnection() {
  const db = await getDb();
  const [row] = await db.select({ token: userConfig.teslaRefreshTokenEncrypted }).from(userConfig).orderBy(asc(userConfig.createdAt)).limit(1);
  const connected = Boolean(row?.token);
  const mode = env().TESLA_MODE;
  return (
    <section aria-labelledby="tesla-title" className={card}>
      <h2 id="tesla-title" className="text-lg font-semibold text-gray-900 dark:text-gray-50">
        Tesla connection
      </h2>
      <p className="mt-1 text-sm text-gray-800 dark:text-gray-200" data-testid="tesla-status">
        {connected ? 'A Tesla account is connected.' : 'No Tesla account is connected.'} Mode: {mode === 'simulator' ? 'simulator (demo data)' : 'live Tesla Fleet API'}.
      </p>
      <p className={muted}>{mode === 'simulator' ? 'The built-in Fleet API simulator stands in for Tesla until an account is connected.' : 'Requests go to the Tesla Fleet API.'}</p>
    </section>
  );
}
