import 'server-only';
import type { Db } from '@/db/client';
import { env as processEnv, type Env } from '@/lib/env';
import { accountApi } from './account';
import { connectApi } from './connect';
import { createCache } from './cache';
import { createFleetClient, createHttp, type FetchFn } from './client';
import { toTeslaClock, type SettableClock, type TeslaClock } from './clock';
import { teslaConfigFromEnv, type TeslaConfig } from './config';
import type { TeslaContext } from './context';
import { energyApi } from './energy';
import { createQueue } from './limiter';
import { createTokenManager } from './tokens';
import { vehicleApi } from './vehicles';

/**
 * lib/tesla: the one door to the Tesla Fleet API. Everything outside imports from here only.
 * Rate-limited (1/s, 10/min by default, across processes via the api_requests ledger), cached
 * (api_cache, 120 s), cost-aware (ledger, monthly budget, wake cap), typed (zod-validated payloads
 * turned into metric domain types), with encrypted, single-use-safe token rotation.
 */
export type CreateTeslaClientOptions = {
  db: Db;
  /** The fetch seam: the simulator's `createSimulatorFetch(sim)` in tests and demo seeding. */
  fetch?: FetchFn;
  /** Wall clock by default; pass the simulator's VirtualClock to run limits, cache and waits on simulated time. */
  clock?: TeslaClock | SettableClock | { now(): number };
  /** Parsed environment (default: the process's `env()`). */
  env?: Env;
  /** Overrides on top of the environment (tests: timeouts, retry budget, prices, randomness). */
  config?: Partial<TeslaConfig>;
};

export function createTeslaClient(opts: CreateTeslaClientOptions) {
  const cfg: TeslaConfig = { ...teslaConfigFromEnv(opts.env ?? processEnv()), ...opts.config };
  const clock = toTeslaClock(opts.clock);
  const http = createHttp(cfg, opts.fetch);
  const tokens = createTokenManager({ db: opts.db, cfg, clock, http });
  const fleet = createFleetClient({ db: opts.db, cfg, clock, http, queue: createQueue(), tokens });
  const cache = createCache(opts.db, clock, cfg.cacheTtlSeconds);
  const ctx: TeslaContext = { db: opts.db, cfg, clock, fleet, cache, tokens };
  const account = accountApi(ctx);
  return {
    ...account,
    ...connectApi(ctx, account),
    ...vehicleApi(ctx),
    ...energyApi(ctx),
    /** Deletes expired cache entries older than `olderThanMs` (default 30 days). */
    pruneCache: (olderThanMs = 30 * 24 * 3_600_000) => cache.prune(olderThanMs),
  };
}
export type TeslaClient = ReturnType<typeof createTeslaClient>;

export { DEFAULT_VEHICLE_ENDPOINTS } from './vehicles';
export { realClock, virtualClock, type TeslaClock, type SettableClock } from './clock';
export type { TeslaConfig } from './config';
export type { FetchFn } from './client';
export {
  TeslaError,
  TeslaAuthError,
  TeslaMissingScopeError,
  TeslaBillingLockedError,
  TeslaRateLimitedError,
  VehicleAsleepError,
  TeslaRegionError,
  TeslaBudgetExceededError,
  TeslaWakeLimitError,
  TeslaApiError,
  TokenDecryptError,
} from './errors';
export type * from './types';
export { emptyTally, withUnreadableTally, type UnreadableTally } from './unreadable';
export type { ConnectResult, ProbeResult } from './connect';
export { redirectUriFor, requestOrigin, teslaConnectionConfig } from './app-client';
export {
  CONNECT_SCOPES,
  REQUIRED_SCOPES,
  OAUTH_COOKIE,
  OAUTH_STATE_TTL_MS,
  buildAuthorizeUrl,
  createPkce,
  oauthCookie,
  openPending,
  randomState,
  readCookie,
  resolveAuthorizeUrl,
  sameString,
  sealPending,
  type PendingAuthorization,
} from './oauth-flow';
export {
  SCOPE_COSTS,
  getConnectionReport,
  readPartnerRecord,
  recordPartnerRegistration,
  type ConnectionStep,
  type StepId,
  type StepState,
  type TeslaConnectionReport,
} from './connection-status';
export {
  PUBLIC_KEY_PATH,
  getPartnerToken,
  normalizeDomain,
  publicKeyEnvValue,
  registerPartnerDomain,
  registrationReason,
  type RegistrationResult,
} from './partner';
export { resolveTokenUrl, teslaConfigFromEnv as teslaConfigFromEnvForScripts } from './config';
export { getRegisteredPublicKey, publicKeyPointHex } from './partner';
export { reencryptStoredTokens } from './key-rotation';
export { keyId, type Keyring } from './token-crypto';
