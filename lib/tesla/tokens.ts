import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  AccessTokenClaimsSchema,
  FLEET_API_BASE_URLS,
  REAUTH_ERRORS,
  TokenResponseSchema,
  decodeJwtPayload,
  fleetPaths,
  regionFromPrefixedToken,
  type FleetRegion,
  type TokenResponse,
} from '@/lib/fleet-api';
import { log } from '@/lib/log';
import { NO_TESLA_TOKENS, clearOwnerTokens } from '@/db/queries/owner';
import { effectiveScopes, readAccess, readAccount, updateAccount, type AccessRow, type Tx } from './account-store';
import type { RawResponse, TeslaHttp } from './client';
import type { TeslaClock } from './clock';
import { resolveTokenUrl, type TeslaConfig } from './config';
import { TeslaApiError, TeslaAuthError, type TeslaError } from './errors';
import { recordRequest } from './ledger';
import { errorTextOf, parseBody } from './responses';
import { decryptColumn, encryptColumn, type Keyring } from './token-crypto';

/**
 * Tesla OAuth tokens. Refresh tokens are single use and rotate on every refresh, so:
 * - a refresh runs inside one transaction holding `pg_advisory_xact_lock(REFRESH_LOCK_KEY)`; other
 *   processes (and PGlite connections) queue on the lock, then find the fresh access token and do
 *   not refresh again, so one refresh token is never sent twice;
 * - the rotated refresh token and the new access token are written (encrypted) in that same
 *   transaction, together with the ledger row of the call, and committed before the access token
 *   is returned to anyone;
 * - a rejected refresh token (`invalid_grant` / `login_required`) is deleted, never retried: the
 *   owner must reconnect.
 * Access tokens are renewed when they expire within a minute (Tesla's best practice).
 */
export const REFRESH_LOCK_KEY = 7_345_001;
const RENEW_BEFORE_MS = 60_000;
/** How long (wall time) a read access row is reused before the database is asked again. */
const MEMO_MS = 5_000;
type Access = { token: string; region: string | null; baseUrl: string | null };
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };

type Deps = { db: Db; cfg: TeslaConfig; clock: TeslaClock; http: TeslaHttp };
type Outcome = { token: string } | { error: TeslaError };

function scopesOf(accessToken: string): string[] | null {
  try {
    const claims = AccessTokenClaimsSchema.safeParse(decodeJwtPayload(accessToken));
    return claims.success ? claims.data.scp : null;
  } catch {
    return null;
  }
}

export function createTokenManager({ db, cfg, clock, http }: Deps) {
  let inflight: Promise<string> | undefined;
  let memo: { row: AccessRow; access: Access; readAt: number } | undefined;
  const key: Keyring = { current: cfg.encryptionKey, previous: cfg.previousEncryptionKeys };
  const usableUntil = (row: AccessRow) => (row.teslaAccessTokenExpiresAt?.getTime() ?? 0) - RENEW_BEFORE_MS;

  function usableAccess(row: AccessRow | undefined): string | undefined {
    if (!row?.teslaAccessTokenEncrypted || !row.accessTokenIv || !row.accessTokenTag || !row.teslaAccessTokenExpiresAt) return undefined;
    if (row.teslaAccessTokenExpiresAt.getTime() - RENEW_BEFORE_MS <= clock.now()) return undefined;
    return decryptColumn(
      { ciphertext: row.teslaAccessTokenEncrypted, iv: row.accessTokenIv, tag: row.accessTokenTag },
      key,
      'access token',
    );
  }

  async function persist(tx: Tx, body: TokenResponse, previousRefresh: string | undefined, now: number, region?: FleetRegion) {
    const refresh = body.refresh_token ?? previousRefresh;
    if (!refresh) throw new TeslaAuthError('misconfigured', 'Tesla returned no refresh token: request the offline_access scope.');
    const r = encryptColumn(refresh, key, 'refresh token');
    const a = encryptColumn(body.access_token, key, 'access token');
    await updateAccount(tx, {
      teslaRefreshTokenEncrypted: r.ciphertext,
      encryptionIv: r.iv,
      encryptionTag: r.tag,
      teslaAccessTokenEncrypted: a.ciphertext,
      accessTokenIv: a.iv,
      accessTokenTag: a.tag,
      teslaAccessTokenExpiresAt: new Date(now + body.expires_in * 1000),
      ...(scopesOf(body.access_token) ? { teslaScopes: scopesOf(body.access_token) } : {}),
      ...(region ? { teslaRegion: region } : {}),
    });
  }

  /** POSTs a token form inside `tx` and records the (unbilled) auth call there too. */
  async function postToken(
    tx: Tx,
    form: URLSearchParams,
    region: string | null | undefined,
    now: number,
  ): Promise<RawResponse | TeslaError> {
    const started = performance.now();
    let res: RawResponse | undefined;
    let failure = 'Error';
    try {
      res = await http.send(resolveTokenUrl(cfg, region), { method: 'POST', headers: FORM, body: form });
    } catch (err) {
      failure = err instanceof Error ? err.name : failure;
    }
    await recordRequest(tx, {
      requestedAt: new Date(now),
      method: 'POST',
      pathTemplate: fleetPaths.token(),
      category: 'auth',
      status: res?.status ?? null,
      durationMs: Math.round(performance.now() - started),
      prices: cfg.prices,
    });
    return res ?? new TeslaApiError(`Tesla's token endpoint did not answer (${failure}).`, undefined, 'tesla_unavailable');
  }

  /** Interprets a token answer: the parsed body, or the error to throw. */
  function readToken(res: RawResponse | TeslaError): TokenResponse | TeslaError {
    if (res instanceof Error) return res;
    if (res.status === 200) {
      const parsed = TokenResponseSchema.safeParse(parseBody(res.text));
      return parsed.success
        ? parsed.data
        : new TeslaApiError("Tesla's token endpoint sent an unexpected body.", 200, 'tesla_invalid_payload');
    }
    const error = errorTextOf(parseBody(res.text));
    if ((REAUTH_ERRORS as readonly string[]).includes(error) || error === 'invalid_auth_code') {
      return new TeslaAuthError('reauth_required', `Tesla rejected the authorization (${error}): reconnect the Tesla account.`, res.status);
    }
    return new TeslaApiError(
      `Tesla's token endpoint answered ${res.status}${error ? ` (${error})` : ''}.`,
      res.status,
      'tesla_token_error',
    );
  }

  async function refreshLocked(rejected?: string): Promise<string> {
    if (!cfg.clientId) throw new TeslaAuthError('misconfigured', 'TESLA_CLIENT_ID is not set.');
    const clientId = cfg.clientId;
    const outcome = await db.transaction(async (tx): Promise<Outcome> => {
      await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK_KEY}::bigint)`);
      const row = await readAccount(tx);
      if (!row?.teslaRefreshTokenEncrypted || !row.encryptionIv || !row.encryptionTag) {
        return { error: new TeslaAuthError('not_connected', 'No Tesla account is connected.') };
      }
      const current = usableAccess(row);
      if (current && current !== rejected) return { token: current }; // someone refreshed while we waited
      const refreshToken = decryptColumn(
        { ciphertext: row.teslaRefreshTokenEncrypted, iv: row.encryptionIv, tag: row.encryptionTag },
        key,
        'refresh token',
      );
      const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken });
      if (cfg.clientSecret) form.set('client_secret', cfg.clientSecret);
      const now = clock.now();
      const body = readToken(await postToken(tx, form, row.teslaRegion, now));
      if (body instanceof TeslaAuthError) {
        // A used, expired or revoked refresh token is never sent again.
        await updateAccount(tx, { ...NO_TESLA_TOKENS });
      }
      if (body instanceof Error) return { error: body };
      await persist(tx, body, refreshToken, now);
      return { token: body.access_token };
    });
    if ('error' in outcome) {
      log.warn('Tesla token refresh failed', outcome.error);
      throw outcome.error;
    }
    return outcome.token;
  }

  return {
    /** A valid access token: the stored one, else a refresh. TeslaAuthError('not_connected') without an account. */
    async getAccessToken(): Promise<string> {
      return (await this.getAccess()).token;
    },

    /**
     * A valid access token with the stored region and base URL. The last stored row is remembered
     * for MEMO_MS of wall time while its token is valid, so a burst of calls reads it once; a 401
     * (`refresh(rejected)`), a refresh, a region switch or a new connection drops the memo.
     */
    async getAccess(): Promise<Access> {
      const hit = memo && performance.now() - memo.readAt < MEMO_MS ? memo : undefined;
      if (hit && usableUntil(hit.row) > clock.now()) return hit.access;
      const row = await readAccess(db);
      const stored = usableAccess(row);
      if (stored) {
        const access = { token: stored, region: row?.teslaRegion ?? null, baseUrl: row?.teslaFleetApiBaseUrl ?? null };
        memo = { row: row!, access, readAt: performance.now() };
        return access;
      }
      const token = await this.refresh();
      const after = await readAccess(db);
      return { token, region: after?.teslaRegion ?? null, baseUrl: after?.teslaFleetApiBaseUrl ?? null };
    },

    /**
     * The scopes the usable access token grants (its JWT `scp`, stored when it was issued), less
     * `vehicle_location` once Tesla refused it; null when unknown (not a JWT). Gets a usable token
     * first (a refresh only when the stored one has expired), then reads the remembered row.
     */
    async scopes(): Promise<string[] | null> {
      await this.getAccess();
      const row = memo && performance.now() - memo.readAt < MEMO_MS ? memo.row : await readAccess(db);
      return effectiveScopes(row);
    },

    /** Forgets the remembered row (the region, the stored tokens or the scopes changed). */
    forget(): void {
      memo = undefined;
    },

    /**
     * Refreshes unless another caller already did. `rejected`: the access token Tesla just refused
     * (a 401), which must not be handed out again. Concurrent calls in this process share one refresh.
     */
    refresh(rejected?: string): Promise<string> {
      memo = undefined;
      inflight ??= refreshLocked(rejected).finally(() => {
        inflight = undefined;
      });
      return inflight;
    },

    /** Refreshes now even if the stored access token is still valid (it is treated as rejected). */
    async forceRefresh(): Promise<string> {
      return this.refresh(usableAccess(await readAccess(db)));
    },

    /** Stores a refresh token obtained elsewhere (setup script, simulator). Region: option, token prefix, or TESLA_REGION. */
    async storeRefreshToken(refreshToken: string, opts: { region?: FleetRegion } = {}): Promise<void> {
      memo = undefined;
      const region = opts.region ?? regionFromPrefixedToken(refreshToken) ?? cfg.region;
      const r = encryptColumn(refreshToken, key, 'refresh token');
      await updateAccount(db, {
        ...NO_TESLA_TOKENS,
        teslaRefreshTokenEncrypted: r.ciphertext,
        encryptionIv: r.iv,
        encryptionTag: r.tag,
        teslaRegion: region,
        teslaFleetApiBaseUrl: null,
        teslaRetryAfterUntil: null,
      });
    },

    /**
     * Disconnects the Tesla account: forgets the stored (encrypted) tokens and their scopes, and the
     * remembered row. Returns whether a refresh token was stored.
     */
    async disconnect(): Promise<boolean> {
      memo = undefined;
      return clearOwnerTokens(db);
    },

    /** Exchanges the authorize callback's `code` (region-prefixed) for tokens and stores them. */
    async connectWithCode(params: { code: string; redirectUri: string; codeVerifier?: string }): Promise<void> {
      memo = undefined;
      if (!cfg.clientId || !cfg.clientSecret)
        throw new TeslaAuthError('misconfigured', 'TESLA_CLIENT_ID and TESLA_CLIENT_SECRET must be set.');
      const region = regionFromPrefixedToken(params.code) ?? cfg.region;
      const form = new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: cfg.clientId,
        client_secret: cfg.clientSecret,
        code: params.code,
        audience: cfg.fleetApiUrl ?? FLEET_API_BASE_URLS[region],
        redirect_uri: params.redirectUri,
      });
      if (params.codeVerifier) form.set('code_verifier', params.codeVerifier); // PKCE (S256)
      const outcome = await db.transaction(async (tx): Promise<TeslaError | undefined> => {
        await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK_KEY}::bigint)`);
        const now = clock.now();
        const body = readToken(await postToken(tx, form, region, now));
        if (body instanceof Error) return body;
        await persist(tx, body, undefined, now, region);
        await updateAccount(tx, { teslaFleetApiBaseUrl: null, teslaRetryAfterUntil: null, teslaLocationRefusedAt: null });
        return undefined;
      });
      if (outcome) throw outcome;
      log.info(`Tesla account connected (region ${region})`);
    },

    /**
     * Stores a pasted refresh token only if it works: it is exchanged at the token endpoint first
     * (single use: the rotated token is what gets stored). A rejected token changes nothing — the
     * transaction, ledger row included, is rolled back and the current connection stays.
     */
    async exchangeRefreshToken(refreshToken: string): Promise<FleetRegion> {
      if (!cfg.clientId) throw new TeslaAuthError('misconfigured', 'TESLA_CLIENT_ID is not set.');
      const region = regionFromPrefixedToken(refreshToken) ?? cfg.region;
      const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: cfg.clientId, refresh_token: refreshToken });
      if (cfg.clientSecret) form.set('client_secret', cfg.clientSecret);
      const rejected = new Error('rolled back');
      let failure: TeslaError | undefined;
      try {
        await db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK_KEY}::bigint)`);
          const now = clock.now();
          const body = readToken(await postToken(tx, form, region, now));
          if (body instanceof Error) {
            failure = body;
            throw rejected;
          }
          await updateAccount(tx, { ...NO_TESLA_TOKENS, teslaScopes: null, teslaFleetApiBaseUrl: null, teslaRetryAfterUntil: null });
          await persist(tx, body, refreshToken, now, region);
        });
      } catch (err) {
        if (err !== rejected) throw err;
      }
      if (failure) throw failure;
      log.info(`Tesla refresh token stored (region ${region})`);
      return region;
    },
  };
}
export type TokenManager = ReturnType<typeof createTokenManager>;
