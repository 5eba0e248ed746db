import 'server-only';
import type { Db } from '../client';
import { userConfig } from '../schema';
import { getOwnerFields } from './owner';

export type TeslaConnection = { connected: boolean; region: string | null; scopes: string[]; accessTokenExpiresAt: Date | null };

/** Whether a Tesla refresh token is stored (never the token itself). */
export async function getTeslaConnection(db: Db): Promise<TeslaConnection> {
  const row = await getOwnerFields(db, {
    token: userConfig.teslaRefreshTokenEncrypted,
    region: userConfig.teslaRegion,
    scopes: userConfig.teslaScopes,
    expiresAt: userConfig.teslaAccessTokenExpiresAt,
  });
  return {
    connected: Boolean(row?.token),
    region: row?.region ?? null,
    scopes: row?.scopes ?? [],
    accessTokenExpiresAt: row?.expiresAt ?? null,
  };
}

/**
 * Tesla's billing lock-out of this app (403 `account disabled: EXCEEDED_LIMIT`), as lib/tesla stored
 * it: since when, and when one paid call tries again. Null when Tesla has not disabled the app.
 */
export async function getTeslaBillingLock(db: Db): Promise<{ since: Date; retryAt: Date } | null> {
  const row = await getOwnerFields(db, { since: userConfig.teslaBillingLockedAt, retryAt: userConfig.teslaBillingRetryAt });
  return row?.since ? { since: row.since, retryAt: row.retryAt ?? row.since } : null;
}
