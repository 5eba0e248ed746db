import 'server-only';
import { userConfig } from '@/db/schema';
import { getOwner, getOwnerFields, updateOwner, type DbOrTx, type OwnerRow } from '@/db/queries/owner';
import type { FleetRegion } from '@/lib/fleet-api';
import { HOUR_MS, MINUTE_MS } from '@/lib/time';
import { isTeslaFleetApiBaseUrl } from './config';
import { TeslaRegionError } from './errors';

/**
 * The Tesla connection in the owner row (`user_config`, read through db/queries/owner). Token columns
 * hold AES-GCM ciphertext only; this module never sees plaintext tokens.
 */
export type { DbOrTx, Tx } from '@/db/queries/owner';
export type AccountRow = OwnerRow;

export const readAccount = getOwner;

/** What every Fleet call needs: the access token (encrypted) and where to send it. One narrow read. */
export async function readAccess(q: DbOrTx) {
  return getOwnerFields(q, {
    teslaAccessTokenEncrypted: userConfig.teslaAccessTokenEncrypted,
    accessTokenIv: userConfig.accessTokenIv,
    accessTokenTag: userConfig.accessTokenTag,
    teslaAccessTokenExpiresAt: userConfig.teslaAccessTokenExpiresAt,
    teslaRegion: userConfig.teslaRegion,
    teslaFleetApiBaseUrl: userConfig.teslaFleetApiBaseUrl,
    teslaScopes: userConfig.teslaScopes,
    teslaLocationRefusedAt: userConfig.teslaLocationRefusedAt,
  });
}
export type AccessRow = NonNullable<Awaited<ReturnType<typeof readAccess>>>;

/** Updates the owner row, creating it first when the deployment has none yet. */
export async function updateAccount(q: DbOrTx, values: Partial<typeof userConfig.$inferInsert>): Promise<void> {
  await updateOwner(q, values, { stampUpdatedAt: true });
}

/** Stores the account's region and base URL; refuses (TeslaRegionError) a base URL that is not one of Tesla's Fleet API hosts. */
export async function setRegion(q: DbOrTx, region: FleetRegion, baseUrl: string): Promise<void> {
  if (!isTeslaFleetApiBaseUrl(baseUrl)) {
    throw new TeslaRegionError(
      `Tesla named a Fleet API base URL that is not one of Tesla's hosts (${baseUrl.slice(0, 100)}): the token is never sent there.`,
    );
  }
  await updateAccount(q, { teslaRegion: region, teslaFleetApiBaseUrl: baseUrl });
}

/** Stores Tesla's Retry-After so every process backs off; never moves an existing deadline earlier. */
export async function setRetryAfter(q: DbOrTx, until: Date): Promise<void> {
  const row = await readAccount(q);
  if (row?.teslaRetryAfterUntil && row.teslaRetryAfterUntil >= until) return;
  await updateAccount(q, { teslaRetryAfterUntil: until });
}

/**
 * Billing lock-out (403 `account disabled: EXCEEDED_LIMIT`, no Retry-After). TeslaMate waits 15
 * minutes (PR 5476); a lock-out usually lasts until the owner raises the limit or the month ends,
 * and every refused try is a billable answer, so the wait grows: as long as the lock-out has lasted
 * so far, at least 15 minutes and at most 2 hours (tries at 15, 30, 60, 120 minutes, then every 2 h).
 */
export const BILLING_BACKOFF_MS = 15 * MINUTE_MS;
export const BILLING_MAX_BACKOFF_MS = 2 * HOUR_MS;

export function billingBackoffMs(lockedAt: number, now: number): number {
  return Math.min(BILLING_MAX_BACKOFF_MS, Math.max(BILLING_BACKOFF_MS, now - lockedAt));
}

export type BillingLock = { since: Date; retryAt: Date };

/** Records Tesla's lock-out answer at `now`: keeps when it began, moves the next try out (never earlier). */
export async function lockBilling(q: DbOrTx, now: number): Promise<BillingLock> {
  const row = await readAccount(q);
  const since = row?.teslaBillingLockedAt ?? new Date(now);
  const next = now + billingBackoffMs(since.getTime(), now);
  const retryAt = new Date(Math.max(next, row?.teslaBillingRetryAt?.getTime() ?? 0));
  await updateAccount(q, { teslaBillingLockedAt: since, teslaBillingRetryAt: retryAt });
  return { since, retryAt };
}

/** Tesla answered a billable call otherwise: the lock-out is over, for every process. */
export async function unlockBilling(q: DbOrTx): Promise<void> {
  await updateAccount(q, { teslaBillingLockedAt: null, teslaBillingRetryAt: null });
}

/** The stored lock-out, if any. */
export function billingLockOf(row: Pick<AccountRow, 'teslaBillingLockedAt' | 'teslaBillingRetryAt'> | undefined): BillingLock | null {
  return row?.teslaBillingLockedAt
    ? { since: row.teslaBillingLockedAt, retryAt: row.teslaBillingRetryAt ?? row.teslaBillingLockedAt }
    : null;
}

/** Remembers that Tesla refused `location_data` (vehicle_location missing) until the account is connected again. */
export async function rememberLocationRefused(q: DbOrTx, at: Date): Promise<void> {
  await updateAccount(q, { teslaLocationRefusedAt: at });
}

/**
 * The scopes the stored access token grants (its JWT `scp`, stored when it was issued), less
 * `vehicle_location` once Tesla refused it. Null: unknown (no token yet, or not a JWT).
 */
export function effectiveScopes(row: Pick<AccountRow, 'teslaScopes' | 'teslaLocationRefusedAt'> | undefined): string[] | null {
  if (!row?.teslaScopes) return null;
  return row.teslaLocationRefusedAt ? row.teslaScopes.filter((s) => s !== 'vehicle_location') : row.teslaScopes;
}
