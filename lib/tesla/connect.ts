import 'server-only';
import { log } from '@/lib/log';
import type { FleetRegion } from '@/lib/fleet-api';
import type { accountApi } from './account';
import type { TeslaContext } from './context';
import { TeslaApiError, TeslaAuthError, TeslaBillingLockedError, TeslaError, TeslaRegionError } from './errors';

/**
 * Connecting an account (paste a refresh token, or the OAuth callback) and checking that the
 * connection works. After tokens are stored the account's region is asked (`/users/region`, free)
 * and its base URL kept; a failing lookup does not undo the connection (the 421 handling of every
 * later call finds the region too).
 */
export type ConnectResult = { region: FleetRegion | null; fleetApiBaseUrl: string; scopes: string[]; regionDiscovered: boolean };

/** What a live check of the connection found; `reason` names the step that failed and why. */
export type ProbeResult =
  { ok: true; checkedAt: Date } | { ok: false; step: 'partner' | 'account' | 'scopes'; status?: number; reason: string; checkedAt: Date };

export function connectApi(ctx: TeslaContext, account: ReturnType<typeof accountApi>) {
  async function afterConnect(): Promise<ConnectResult> {
    await ctx.cache.clear();
    let regionDiscovered = false;
    try {
      await account.getRegion();
      regionDiscovered = true;
    } catch (err) {
      log.warn('Tesla region lookup after connecting failed; keeping the region of the token', err);
    }
    const s = await account.getConnectionStatus();
    return { region: s.region, fleetApiBaseUrl: s.fleetApiBaseUrl, scopes: s.scopes, regionDiscovered };
  }

  return {
    /** Exchanges a pasted refresh token (only a working one is stored), then discovers the region. */
    async connectWithRefreshToken(refreshToken: string): Promise<ConnectResult> {
      await ctx.tokens.exchangeRefreshToken(refreshToken);
      return afterConnect();
    },

    /** Disconnects the Tesla account (the token manager forgets the tokens). Whether one was connected. */
    disconnect(): Promise<boolean> {
      return ctx.tokens.disconnect();
    },

    /** OAuth callback: `code` (+ PKCE verifier) → tokens stored encrypted, then region discovery. */
    async completeAuthorization(params: { code: string; redirectUri: string; codeVerifier: string }): Promise<ConnectResult> {
      await ctx.tokens.connectWithCode(params);
      return afterConnect();
    },

    /**
     * One free call (the vehicle list, cached for the TTL) to see whether the stored connection
     * works, classified by the step that explains a failure: 412 → partner not registered in the
     * region, 421 → wrong region (only when TESLA_FLEET_API_URL pins the host), 403 EXCEEDED_LIMIT →
     * the app's billing limit, other 403 → missing scopes, 401/invalid_grant → reconnect.
     */
    async probeConnection(): Promise<ProbeResult> {
      const checkedAt = new Date(ctx.clock.now());
      try {
        await account.getRegion();
        return { ok: true, checkedAt };
      } catch (err) {
        if (!(err instanceof TeslaError)) throw err;
        const status = err.upstreamStatus;
        if (err instanceof TeslaBillingLockedError) return { ok: false, step: 'account', status, reason: err.message, checkedAt };
        if (err instanceof TeslaRegionError)
          return { ok: false, step: 'account', status: 421, reason: `421 wrong region: ${err.message}`, checkedAt };
        if (err instanceof TeslaAuthError) {
          if (err.reason === 'forbidden')
            return { ok: false, step: 'scopes', status, reason: `403 missing scopes: ${err.message}`, checkedAt };
          return { ok: false, step: 'account', status, reason: err.message, checkedAt };
        }
        if (err instanceof TeslaApiError && status === 412) {
          const region = (await account.getConnectionStatus()).region ?? ctx.cfg.region;
          return {
            ok: false,
            step: 'partner',
            status,
            reason: `412 not registered: the app is not registered in the ${region.toUpperCase()} region. Run npm run tesla:setup -- --domain <your domain> --region ${region}.`,
            checkedAt,
          };
        }
        return { ok: false, step: 'account', status, reason: err.message, checkedAt };
      }
    },
  };
}
