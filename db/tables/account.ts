import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, numeric, pgTable, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, tz, updatedAt } from './columns';

/**
 * The single owner of a deployment and the Tesla connection: one row at most (a unique index on a
 * constant refuses a second one).
 * Tesla tokens are stored AES-256-GCM encrypted: ciphertext (`v1.<key id>.<base64>`, bound to its
 * column as additional data), 12-byte IV and auth tag, each base64. They never leave the server.
 */
export const userConfig = pgTable(
  'user_config',
  {
    id: id(),
    teslaRefreshTokenEncrypted: text('tesla_refresh_token_encrypted'),
    encryptionIv: text('encryption_iv'),
    encryptionTag: text('encryption_tag'),
    teslaAccessTokenEncrypted: text('tesla_access_token_encrypted'),
    accessTokenIv: text('access_token_iv'),
    accessTokenTag: text('access_token_tag'),
    teslaAccessTokenExpiresAt: tz('tesla_access_token_expires_at'),
    /** Fleet API region ('na' | 'eu' | 'cn') and the base URL found by region discovery (421 handling). */
    teslaRegion: varchar('tesla_region', { length: 8 }),
    teslaFleetApiBaseUrl: text('tesla_fleet_api_base_url'),
    teslaScopes: text('tesla_scopes').array(),
    /** Until when Tesla asked us to back off (429 Retry-After), shared by every process. */
    teslaRetryAfterUntil: tz('tesla_retry_after_until'),
    /**
     * Billing lock-out (403 `account disabled: EXCEEDED_LIMIT`): when Tesla first refused, and when one
     * billable call may try again (billable calls before it are refused without being sent). Both
     * null: not locked. Shared by every process; cleared by the first billable call Tesla answers.
     */
    teslaBillingLockedAt: tz('tesla_billing_locked_at'),
    teslaBillingRetryAt: tz('tesla_billing_retry_at'),
    /**
     * When Tesla refused `location_data` for want of the `vehicle_location` scope although the token's
     * scopes listed it: vehicle data is read without location until the account is connected again.
     */
    teslaLocationRefusedAt: tz('tesla_location_refused_at'),
    ownerPasswordHash: text('owner_password_hash'),
    /** Carried in every login session; a password change or "sign out everywhere" raises it, ending older sessions. */
    credentialsVersion: integer('credentials_version').notNull().default(1),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [uniqueIndex('user_config_single_row_uq').on(sql`(true)`)],
);

export const API_TOKEN_SCOPES = ['read', 'sync', 'admin'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/**
 * Tokens the owner creates for scripts and other tools; only a SHA-256 hash is stored. `scopes`
 * limits what a token may do: `read` (GET routes, CSV), `sync` (sync now, wake), `admin` (settings,
 * tokens, the Tesla connection). Tokens made before scopes existed got `read`.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    name: varchar('name', { length: 100 }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** First characters of the token, shown in settings so the owner can tell tokens apart. */
    prefix: varchar('prefix', { length: 16 }).notNull(),
    scopes: text('scopes')
      .array()
      .$type<ApiTokenScope[]>()
      .notNull()
      .default(sql`'{read}'::text[]`),
    createdAt: createdAt(),
    lastUsedAt: tz('last_used_at'),
    revokedAt: tz('revoked_at'),
  },
  (t) => [check('api_tokens_scopes_chk', sql`cardinality(${t.scopes}) > 0 and ${t.scopes} <@ array['read','sync','admin']::text[]`)],
);

/** Cached Tesla responses (read-through). `expires_at` null = permanent (history of closed periods). */
export const apiCache = pgTable(
  'api_cache',
  {
    key: text('key').primaryKey(),
    payload: jsonb('payload').notNull(),
    fetchedAt: tz('fetched_at').notNull(),
    expiresAt: tz('expires_at'),
  },
  (t) => [index('idx_api_cache_expires').on(t.expiresAt)],
);

export const API_CATEGORIES = ['data', 'wake', 'command', 'energy', 'auth', 'state'] as const;
export type ApiCategory = (typeof API_CATEGORIES)[number];

/**
 * Ledger of every Tesla call. It feeds the cross-instance rate limit (count of the last minute)
 * and the API cost meter. `cost_usd` is priced when written, so later price changes keep history.
 */
export const apiRequests = pgTable(
  'api_requests',
  {
    id: id(),
    requestedAt: tz('requested_at').notNull(),
    method: varchar('method', { length: 8 }).notNull(),
    /** Path with ids replaced, e.g. `/api/1/vehicles/{vin}/vehicle_data`. Never contains a token. */
    pathTemplate: text('path_template').notNull(),
    category: varchar('category', { length: 16 }).$type<ApiCategory>().notNull(),
    /** HTTP status; null when no response arrived (network error, timeout). */
    status: integer('status'),
    /** VIN or energy site id the call concerned, if any. */
    target: varchar('target', { length: 50 }),
    billable: boolean('billable').notNull(),
    costUsd: numeric('cost_usd', { precision: 10, scale: 4, mode: 'number' }).notNull().default(0),
    durationMs: integer('duration_ms'),
  },
  (t) => [
    index('idx_api_requests_requested_at').on(t.requestedAt),
    index('idx_api_requests_category_time').on(t.category, t.requestedAt),
    /** The month's spend, summed before every billable call, reads only the priced rows. */
    index('idx_api_requests_priced')
      .on(t.requestedAt)
      .where(sql`cost_usd > 0`),
    check('api_requests_category_chk', sql`${t.category} in ('data','wake','command','energy','auth','state')`),
  ],
);

export const SYNC_TRIGGERS = ['cron', 'manual', 'scheduler', 'demo'] as const;
export const SYNC_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;

/**
 * What Tesla sent in a run that the app could not read (lib/tesla/unreadable.ts): values read as
 * null per field path (`vehicle_data.charge_state.charger_power`) and entries left out per entry
 * path (`products[]`). Paths only, never values.
 */
export type TeslaUnreadable = { fields: Record<string, number>; entries: Record<string, number> };

/**
 * One row per sync run: what triggered it, how it ended, what it counted.
 * At most one row is 'running' (partial unique index): that is the sync's cross-process lock.
 */
export const syncRuns = pgTable(
  'sync_runs',
  {
    id: id(),
    startedAt: tz('started_at').notNull(),
    finishedAt: tz('finished_at'),
    trigger: varchar('trigger', { length: 16 }).$type<(typeof SYNC_TRIGGERS)[number]>().notNull(),
    status: varchar('status', { length: 16 }).$type<(typeof SYNC_STATUSES)[number]>().notNull(),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    teslaUnreadable: jsonb('tesla_unreadable').$type<TeslaUnreadable>().notNull().default({ fields: {}, entries: {} }),
    requests: integer('requests').notNull().default(0),
    error: text('error'),
  },
  (t) => [
    index('idx_sync_runs_started').on(t.startedAt.desc()),
    uniqueIndex('sync_runs_one_running_uq')
      .on(t.status)
      .where(sql`${t.status} = 'running'`),
    check('sync_runs_trigger_chk', sql`${t.trigger} in ('cron','manual','scheduler','demo')`),
    check('sync_runs_status_chk', sql`${t.status} in ('running','succeeded','failed','skipped')`),
  ],
);

/**
 * Login attempts (and setup-code attempts), kept to rate-limit failures across instances: per client
 * address and in total. A row is written as a failure before the password is checked and turned into
 * a success after; rows older than a day are pruned.
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: id(),
    at: tz('at').notNull().defaultNow(),
    /** Client address (the socket's, or through TRUSTED_PROXY_HOPS proxies; an IPv6 /64), or 'unknown'. */
    client: varchar('client', { length: 64 }).notNull(),
    succeeded: boolean('succeeded').notNull(),
  },
  (t) => [
    index('idx_login_attempts_client_at').on(t.client, t.at),
    /** The global failure count and the pruning read by time alone. */
    index('idx_login_attempts_at').on(t.at),
  ],
);
