/**
 * Fleet API hosts (reference §1.1). Regions are lowercase, as `/api/1/users/region` reports them.
 * A user's data lives in exactly one region; calling another region's host answers 421.
 */
export const FLEET_REGIONS = ['na', 'eu', 'cn'] as const;
export type FleetRegion = (typeof FLEET_REGIONS)[number];

export const FLEET_API_BASE_URLS: Record<FleetRegion, string> = {
  na: 'https://fleet-api.prd.na.vn.cloud.tesla.com',
  eu: 'https://fleet-api.prd.eu.vn.cloud.tesla.com',
  cn: 'https://fleet-api.prd.cn.vn.cloud.tesla.cn',
};

/** Server-to-server token endpoint (Tesla asked partners to migrate here in 2025-07). */
export const FLEET_AUTH_TOKEN_URL = 'https://fleet-auth.prd.vn.cloud.tesla.com/oauth2/v3/token';
/** Legacy token URL, still seen in older clients; same contract. */
export const LEGACY_AUTH_TOKEN_URL = 'https://auth.tesla.com/oauth2/v3/token';
export const CN_AUTH_TOKEN_URL = 'https://auth.tesla.cn/oauth2/v3/token';
/** Browser authorize page of the authorization-code flow. */
export const AUTHORIZE_URL = 'https://auth.tesla.com/oauth2/v3/authorize';
export const CN_AUTHORIZE_URL = 'https://auth.tesla.cn/oauth2/v3/authorize';

export const AUTH_HOSTS = ['fleet-auth.prd.vn.cloud.tesla.com', 'auth.tesla.com', 'auth.tesla.cn'] as const;

/** Access tokens live 8 h (`expires_in` 28800); refresh tokens 3 months, single use. */
export const ACCESS_TOKEN_TTL_SECONDS = 28_800;
export const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

/** Region whose Fleet API host this is, or undefined for any other host (auth, localhost, …). */
export function regionOfHost(host: string): FleetRegion | undefined {
  const bare = host.toLowerCase().replace(/:\d+$/, '');
  return FLEET_REGIONS.find((r) => new URL(FLEET_API_BASE_URLS[r]).hostname === bare);
}

/** Regional code prefix of authorization codes and refresh tokens (`NA_…`, `EU_…`, `CN_…`). */
export function regionPrefix(region: FleetRegion): string {
  return `${region.toUpperCase()}_`;
}

/** Region parsed from a `NA_…`-style code or refresh token; undefined when it carries none. */
export function regionFromPrefixedToken(token: string): FleetRegion | undefined {
  const prefix = token.split('_')[0]?.toLowerCase();
  return FLEET_REGIONS.find((r) => r === prefix);
}

/** 421 message Tesla sends for the wrong region; the base URL can be parsed back out of it. */
export function outOfRegionMessage(region: FleetRegion): string {
  return `user out of region, use base URL: ${FLEET_API_BASE_URLS[region]}, see https://developer.tesla.com/docs/fleet-api/getting-started/regions-countries`;
}

/** Base URL named in a 421 `error` message, if any. */
export function baseUrlFromOutOfRegion(error: string): string | undefined {
  return /use base URL: (https?:\/\/[^\s,]+)/.exec(error)?.[1];
}
