import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { userConfig } from '@/db/schema';
import type { FleetRegion } from '@/lib/fleet-api';
import { isTeslaFleetApiBaseUrl } from './config';
import { TeslaRegionError } from './errors';

/**
 * The Tesla connection in `user_config` (one owner per deployment: the oldest row). Token columns
 * hold AES-GCM ciphertext only; this module never sees plaintext tokens.
 */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export type AccountRow = typeof userConfig.$inferSelect;

export async function readAccount(q: DbOrTx): Promise<AccountRow | undefined> {
  const [row] = await q.select().from(userConfig).orderBy(asc(userConfig.createdAt), asc(userConfig.id)).limit(1);
  return row;
}

/** What every Fleet call needs: the access token (encrypted) and where to send it. One narrow read. */
export async function readAccess(q: DbOrTx) {
  const [row] = await q
    .select({
      teslaAccessTokenEncrypted: userConfig.teslaAccessTokenEncrypted,
      accessTokenIv: userConfig.accessTokenIv,
      accessTokenTag: userConfig.accessTokenTag,
      teslaAccessTokenExpiresAt: userConfig.teslaAccessTokenExpiresAt,
      teslaRegion: userConfig.teslaRegion,
      teslaFleetApiBaseUrl: userConfig.teslaFleetApiBaseUrl,
    })
    .from(userConfig)
    .orderBy(asc(userConfig.createdAt), asc(userConfig.id))
    .limit(1);
  return row;
}
export type AccessRow = NonNullable<Awaited<ReturnType<typeof readAccess>>>;

/**
 * The monthly Fleet API budget in USD: the owner's setting (`settings.monthlyBudgetUsd`, set on the
 * settings page) when present and valid, else the configured TESLA_MONTHLY_BUDGET_USD.
 */
export function monthlyBudgetUsd(account: Pick<AccountRow, 'settings'> | undefined, fallback: number): number {
  const v = (account?.settings as { monthlyBudgetUsd?: unknown } | null | undefined)?.monthlyBudgetUsd;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}

/** Updates the owner row, creating it first when the deployment has none yet. */
export async function updateAccount(q: DbOrTx, values: Partial<typeof userConfig.$inferInsert>): Promise<void> {
  const row = await readAccount(q);
  const stamped = { ...values, updatedAt: sql`now()` };
  if (row) await q.update(userConfig).set(stamped).where(eq(userConfig.id, row.id));
  else await q.insert(userConfig).values(values);
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
