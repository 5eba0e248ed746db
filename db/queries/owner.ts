import 'server-only';
import { eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { userConfig } from '../schema';
import { clock } from '@/lib/clock';

/**
 * The owner row (`user_config`): the deployment's owner, its Tesla connection and its settings.
 * There is one row at most (a unique index on a constant refuses a second), so no read needs an
 * order. Every read and write of the row goes through this module.
 */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export type OwnerRow = typeof userConfig.$inferSelect;
export type OwnerValues = Partial<typeof userConfig.$inferInsert>;

/** The whole owner row, or undefined before anything was stored. */
export async function getOwner(q: DbOrTx): Promise<OwnerRow | undefined> {
  const [row] = await q.select().from(userConfig).limit(1);
  return row;
}

/** Some columns (or expressions) of the owner row: the narrow reads (tokens, password, one setting). */
export async function getOwnerFields<T extends SelectedFields>(q: DbOrTx, fields: T) {
  const [row] = await q.select(fields).from(userConfig).limit(1);
  return row;
}

/**
 * Updates the owner row, creating it first when the deployment has none yet. `stampUpdatedAt` sets
 * `updated_at` to the database's now() (the Tesla connection's writes do; the others set it themselves
 * or leave it).
 */
export async function updateOwner(q: DbOrTx, values: OwnerValues, opts: { stampUpdatedAt?: boolean } = {}): Promise<void> {
  const row = await getOwnerFields(q, { id: userConfig.id });
  const set = opts.stampUpdatedAt ? { ...values, updatedAt: sql`now()` } : values;
  if (row) await q.update(userConfig).set(set).where(eq(userConfig.id, row.id));
  else await q.insert(userConfig).values(values);
}

/** Merges `patch` into `user_config.settings` (other keys, such as the demo's state, are kept). */
export async function mergeOwnerSettings(q: DbOrTx, patch: Record<string, unknown>): Promise<void> {
  const row = await getOwnerFields(q, { id: userConfig.id, settings: userConfig.settings });
  if (row)
    await q
      .update(userConfig)
      .set({ settings: { ...row.settings, ...patch } })
      .where(eq(userConfig.id, row.id));
  else await q.insert(userConfig).values({ settings: patch });
}

/**
 * The owner's monthly Fleet API budget in USD (`settings.monthlyBudgetUsd`, set on the settings
 * page) as SQL over the owner row: a non-negative number, or null when unset or not a number. The
 * only definition: the limiter's single statement uses it, and `getMonthlyBudgetUsd` reads it.
 */
export const ownerBudgetUsdSql: SQL<number | null> = sql<number | null>`case
  when ${userConfig.settings}->>'monthlyBudgetUsd' ~ '^[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$'
  then (${userConfig.settings}->>'monthlyBudgetUsd')::float8 end`;

/** The monthly budget: the owner's setting when present and valid, else `fallback` (TESLA_MONTHLY_BUDGET_USD). */
export async function getMonthlyBudgetUsd(q: DbOrTx, fallback: number): Promise<number> {
  const row = await getOwnerFields(q, { budget: ownerBudgetUsdSql });
  const v = row?.budget == null ? null : Number(row.budget);
  return v !== null && Number.isFinite(v) ? v : fallback;
}

/** The owner row for a statement that must read it in SQL (a CTE's `select … ${ownerFromSql}`). */
export const ownerFromSql = sql`from ${userConfig} limit 1`;

/** The owner row's Tesla token columns, emptied (and Tesla's refusal of location: a new grant starts afresh). */
export const NO_TESLA_TOKENS = {
  teslaRefreshTokenEncrypted: null,
  encryptionIv: null,
  encryptionTag: null,
  teslaAccessTokenEncrypted: null,
  accessTokenIv: null,
  accessTokenTag: null,
  teslaAccessTokenExpiresAt: null,
  teslaLocationRefusedAt: null,
} as const;

/**
 * Forgets the Tesla tokens, their scopes and Tesla's refusal of location (disconnect; only the token
 * manager calls this). Returns whether a refresh token was stored.
 */
export async function clearOwnerTokens(q: DbOrTx): Promise<boolean> {
  const rows = await q
    .update(userConfig)
    .set({ ...NO_TESLA_TOKENS, teslaScopes: null, updatedAt: clock.now() })
    .where(isNotNull(userConfig.teslaRefreshTokenEncrypted))
    .returning({ id: userConfig.id });
  return rows.length > 0;
}
