import 'server-only';
import type { Env } from '@/lib/env';
import {
  CN_AUTH_TOKEN_URL,
  DEFAULT_PRICES_USD,
  FLEET_API_BASE_URLS,
  FLEET_AUTH_TOKEN_URL,
  fleetPaths,
  type BillingPrices,
  type FleetRegion,
} from '@/lib/fleet-api';

/** Everything lib/tesla reads from the environment, plus knobs tests turn (timeouts, retry budget). */
export type TeslaConfig = {
  encryptionKey: string;
  /** ENCRYPTION_KEY_PREVIOUS: still accepted for reading tokens while they are re-encrypted (keys:rotate). */
  previousEncryptionKeys?: string[];
  clientId?: string;
  clientSecret?: string;
  /** Region used until discovery (421 or connect) stores another. */
  region: FleetRegion;
  /** TESLA_FLEET_API_URL: pins the base URL (proxy, standalone simulator); 421 then cannot switch it. */
  fleetApiUrl?: string;
  /** TESLA_AUTH_URL: token endpoint host or full token URL. */
  authUrl?: string;
  ratePerSecond: number;
  ratePerMinute: number;
  /** 0 disables the cache. */
  cacheTtlSeconds: number;
  maxWakesPerDay: number;
  monthlyBudgetUsd: number;
  prices: BillingPrices;
  /** Per-attempt HTTP timeout. */
  timeoutMs: number;
  /** Attempts per request for 5xx and timeouts (1 = no retry). */
  maxAttempts: number;
  /** First backoff step; doubles per retry, full jitter, capped by `maxBackoffMs`. */
  backoffBaseMs: number;
  maxBackoffMs: number;
  /** Longest Retry-After / stored back-off we wait out in-process; longer ones throw TeslaRateLimitedError. */
  maxRetryAfterWaitMs: number;
  /** A history range counts as closed (cached forever) once it ended this long ago. */
  historySettleMs: number;
  random: () => number;
};

export function teslaConfigFromEnv(e: Env): TeslaConfig {
  return {
    encryptionKey: e.ENCRYPTION_KEY,
    previousEncryptionKeys: e.ENCRYPTION_KEY_PREVIOUS ? [e.ENCRYPTION_KEY_PREVIOUS] : [],
    clientId: e.TESLA_CLIENT_ID,
    clientSecret: e.TESLA_CLIENT_SECRET,
    region: e.TESLA_REGION,
    fleetApiUrl: e.TESLA_FLEET_API_URL,
    authUrl: e.TESLA_AUTH_URL,
    ratePerSecond: e.TESLA_RATE_PER_SECOND,
    ratePerMinute: e.TESLA_RATE_PER_MINUTE,
    cacheTtlSeconds: e.TESLA_CACHE_TTL_SECONDS,
    maxWakesPerDay: e.TESLA_MAX_WAKES_PER_DAY,
    monthlyBudgetUsd: e.TESLA_MONTHLY_BUDGET_USD,
    prices: DEFAULT_PRICES_USD,
    timeoutMs: 15_000,
    maxAttempts: 3,
    backoffBaseMs: 1_000,
    maxBackoffMs: 8_000,
    maxRetryAfterWaitMs: 30_000,
    historySettleMs: 15 * 60_000,
    random: Math.random,
  };
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

const FLEET_API_HOSTS = new Set(Object.values(FLEET_API_BASE_URLS).map((u) => new URL(u).host));

/**
 * True only for one of Tesla's own Fleet API hosts over https (no user info, no path): the only
 * places a base URL named by Tesla's region answer or a 421 may send the access token.
 */
export function isTeslaFleetApiBaseUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && FLEET_API_HOSTS.has(u.host) && !u.username && !u.password && trimSlash(u.pathname) === '';
  } catch {
    return false;
  }
}

/**
 * Base URL: TESLA_FLEET_API_URL, else the one region discovery stored (only if it is Tesla's: a
 * stored row pointing elsewhere is ignored), else the configured region's.
 */
export function resolveBaseUrl(cfg: TeslaConfig, stored: { baseUrl?: string | null; region?: string | null }): string {
  if (cfg.fleetApiUrl) return trimSlash(cfg.fleetApiUrl);
  if (stored.baseUrl && isTeslaFleetApiBaseUrl(stored.baseUrl)) return trimSlash(stored.baseUrl);
  const region = (stored.region as FleetRegion | null | undefined) ?? cfg.region;
  return FLEET_API_BASE_URLS[region] ?? FLEET_API_BASE_URLS[cfg.region];
}

/** Token endpoint: TESLA_AUTH_URL (a host, or a URL already ending in the token path), else Tesla's. */
export function resolveTokenUrl(cfg: TeslaConfig, region?: string | null): string {
  if (cfg.authUrl) {
    const base = trimSlash(cfg.authUrl);
    return base.endsWith(fleetPaths.token()) ? base : `${base}${fleetPaths.token()}`;
  }
  return region === 'cn' ? CN_AUTH_TOKEN_URL : FLEET_AUTH_TOKEN_URL;
}
