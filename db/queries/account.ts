import 'server-only';
import { asc, isNotNull } from 'drizzle-orm';
import type { Db } from '../client';
import { userConfig } from '../schema';
import { clock } from '@/lib/clock';

export type TeslaConnection = { connected: boolean; region: string | null; scopes: string[]; accessTokenExpiresAt: Date | null };

/** Whether a Tesla refresh token is stored (never the token itself). */
export async function getTeslaConnection(db: Db): Promise<TeslaConnection> {
  const [row] = await db
    .select({
      token: userConfig.teslaRefreshTokenEncrypted,
      region: userConfig.teslaRegion,
      scopes: userConfig.teslaScopes,
      expiresAt: userConfig.teslaAccessTokenExpiresAt,
    })
    .from(userConfig)
    .limit(1);
  return {
    connected: Boolean(row?.token),
    region: row?.region ?? null,
    scopes: row?.scopes ?? [],
    accessTokenExpiresAt: row?.expiresAt ?? null,
  };
}

/** Forgets the Tesla tokens (disconnect). Returns whether any were stored. */
export async function clearTeslaTokens(db: Db): Promise<boolean> {
  const rows = await db
    .update(userConfig)
    .set({
      teslaRefreshTokenEncrypted: null,
      encryptionIv: null,
      encryptionTag: null,
      teslaAccessTokenEncrypted: null,
      accessTokenIv: null,
      accessTokenTag: null,
      teslaAccessTokenExpiresAt: null,
      teslaScopes: null,
      teslaLocationRefusedAt: null,
      updatedAt: clock.now(),
    })
    .where(isNotNull(userConfig.teslaRefreshTokenEncrypted))
    .returning({ id: userConfig.id });
  return rows.length > 0;
}

/**
 * Tesla's billing lock-out of this app (403 `account disabled: EXCEEDED_LIMIT`), as lib/tesla stored
 * it: since when, and when one paid call tries again. Null when Tesla has not disabled the app.
 */
export async function getTeslaBillingLock(db: Db): Promise<{ since: Date; retryAt: Date } | null> {
  const [row] = await db
    .select({ since: userConfig.teslaBillingLockedAt, retryAt: userConfig.teslaBillingRetryAt })
    .from(userConfig)
    .orderBy(asc(userConfig.createdAt), asc(userConfig.id))
    .limit(1);
  return row?.since ? { since: row.since, retryAt: row.retryAt ?? row.since } : null;
}
