import 'server-only';
import { UserMeResponseSchema, UserMeSchema, UserRegionResponseSchema, fleetPaths, type FleetRegion } from '@/lib/fleet-api';
import { getMonthlyBudgetUsd } from '@/db/queries/owner';
import { readAccount, setRegion } from './account-store';
import { cacheKey } from './cache';
import { resolveBaseUrl } from './config';
import type { TeslaContext } from './context';
import { usageForMonth } from './ledger';
import type { ConnectionStatus, RegionInfo, TeslaUsage, TeslaUser } from './types';

/** Account-level calls: connection, tokens, region, profile, and this month's API usage and cost. */
export function accountApi({ db, cfg, clock, fleet, cache, tokens }: TeslaContext) {
  return {
    /**
     * Forces a token refresh now (e.g. a daily cron keeping the 3-month refresh token alive).
     * Returns only the new expiry: tokens never leave lib/tesla.
     */
    async refreshAccessToken(): Promise<{ expiresAt: Date | null }> {
      await tokens.forceRefresh();
      return { expiresAt: (await readAccount(db))?.teslaAccessTokenExpiresAt ?? null };
    },

    /** Stores a refresh token (setup script or simulator seeding) and drops cached Tesla data. */
    async storeRefreshToken(refreshToken: string, opts: { region?: FleetRegion } = {}): Promise<void> {
      await tokens.storeRefreshToken(refreshToken, opts);
      await cache.clear();
    },

    /** OAuth callback: exchanges `code` for tokens (stored encrypted) and drops cached Tesla data. */
    async connectWithCode(params: { code: string; redirectUri: string }): Promise<void> {
      await tokens.connectWithCode(params);
      await cache.clear();
    },

    async getConnectionStatus(): Promise<ConnectionStatus> {
      const row = await readAccount(db);
      return {
        connected: Boolean(row?.teslaRefreshTokenEncrypted),
        region: (row?.teslaRegion as FleetRegion | null | undefined) ?? null,
        fleetApiBaseUrl: resolveBaseUrl(cfg, { baseUrl: row?.teslaFleetApiBaseUrl, region: row?.teslaRegion }),
        accessTokenExpiresAt: row?.teslaAccessTokenExpiresAt ?? null,
        scopes: row?.teslaScopes ?? [],
        retryAfterUntil: row?.teslaRetryAfterUntil && row.teslaRetryAfterUntil.getTime() > clock.now() ? row.teslaRetryAfterUntil : null,
      };
    },

    /** The account's region as Tesla reports it (free); persisted as the base URL to use. */
    async getRegion(): Promise<RegionInfo> {
      const r = await fleet.send({
        method: 'GET',
        path: fleetPaths.region(),
        template: fleetPaths.region(),
        schema: UserRegionResponseSchema,
      });
      const baseUrl = r.fleet_api_base_url.replace(/\/+$/, '');
      await setRegion(db, r.region, baseUrl);
      return { region: r.region, fleetApiBaseUrl: baseUrl };
    },

    /** The Tesla account's profile (scope user_data). */
    async getMe(): Promise<TeslaUser> {
      const { value } = await cache.readThrough(cacheKey('me'), UserMeSchema, () =>
        fleet.send({ method: 'GET', path: fleetPaths.me(), template: fleetPaths.me(), schema: UserMeResponseSchema }),
      );
      return { email: value.email, fullName: value.full_name ?? null };
    },

    /** This (UTC) month's requests and cost by category, Tesla's $10 credit and the budget left. */
    async getUsage(at?: Date): Promise<TeslaUsage> {
      return usageForMonth(db, at?.getTime() ?? clock.now(), await getMonthlyBudgetUsd(db, cfg.monthlyBudgetUsd));
    },
  };
}
