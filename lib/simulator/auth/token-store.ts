import { createHash } from 'node:crypto';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  FLEET_API_BASE_URLS,
  REFRESH_TOKEN_TTL_SECONDS,
  regionPrefix,
  type FleetRegion,
} from '@/lib/fleet-api/hosts';
import type { TokenResponse } from '@/lib/fleet-api/schemas/auth';
import type { Rng } from '../rng';
import { encodeJwt } from './jwt';

/**
 * Issued OAuth artefacts. Access tokens expire after 8 h; refresh tokens are single use
 * (every refresh returns a new one and burns the old) and expire after 90 days; authorization
 * codes are single use and live 10 minutes. Partner tokens (client_credentials) carry no refresh
 * token and only open partner endpoints.
 */
export interface AccessGrant {
  scopes: string[];
  expiresAt: number;
  partner: boolean;
}

interface RefreshGrant {
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

interface CodeGrant {
  scopes: string[];
  redirectUri: string;
  /** PKCE (RFC 7636, S256 only): base64url(sha256(code_verifier)), when the authorize call sent one. */
  codeChallenge: string | null;
  expiresAt: number;
  used: boolean;
}

const CODE_TTL_MS = 10 * 60_000;

/** PKCE S256: base64url(sha256(verifier)), no padding. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export class TokenStore {
  readonly #access = new Map<string, AccessGrant>();
  readonly #refresh = new Map<string, RefreshGrant>();
  readonly #codes = new Map<string, CodeGrant>();

  constructor(
    readonly region: FleetRegion,
    readonly userUuid: string,
    readonly clientId: string,
    readonly locale: string,
    readonly rng: Rng,
  ) {}

  /** Registers a refresh token the world starts with (single use like any other). */
  seedRefreshToken(token: string, scopes: string[], now: number): void {
    this.#refresh.set(token, { scopes, expiresAt: now + REFRESH_TOKEN_TTL_SECONDS * 1000, used: false });
  }

  issue(scopes: string[], now: number, opts: { partner?: boolean; state?: string } = {}): TokenResponse {
    const iat = Math.floor(now / 1000);
    const access = encodeJwt(
      {
        iss: 'https://auth.tesla.com/oauth2/v3/nts',
        azp: this.clientId,
        sub: opts.partner ? this.clientId : this.userUuid,
        aud: [FLEET_API_BASE_URLS.na, FLEET_API_BASE_URLS.eu, 'https://auth.tesla.com/oauth2/v3/userinfo'],
        scp: scopes,
        amr: opts.partner ? [] : ['pwd', 'mfa'],
        iat,
        exp: iat + ACCESS_TOKEN_TTL_SECONDS,
        auth_time: iat,
        ou_code: this.region.toUpperCase(),
        locale: this.locale,
      },
      this.rng.hex(43),
    );
    this.#access.set(access, { scopes, expiresAt: now + ACCESS_TOKEN_TTL_SECONDS * 1000, partner: opts.partner ?? false });
    const body: TokenResponse = { access_token: access, expires_in: ACCESS_TOKEN_TTL_SECONDS, token_type: 'Bearer' };
    if (!opts.partner) body.id_token = `${access.split('.')[0]}.${this.rng.hex(32)}.${this.rng.hex(16)}`;
    if (!opts.partner && scopes.includes('offline_access')) {
      const refresh = `${regionPrefix(this.region)}${this.rng.hex(48)}`;
      this.#refresh.set(refresh, { scopes, expiresAt: now + REFRESH_TOKEN_TTL_SECONDS * 1000, used: false });
      body.refresh_token = refresh;
    }
    if (opts.state !== undefined) body.state = opts.state;
    return body;
  }

  /** Burns `token` and issues a new pair, or returns null if it is unknown, used or expired. */
  refresh(token: string, now: number): TokenResponse | null {
    const grant = this.#refresh.get(token);
    if (!grant || grant.used || grant.expiresAt <= now) return null;
    grant.used = true;
    return this.issue(grant.scopes, now);
  }

  createCode(scopes: string[], redirectUri: string, now: number, codeChallenge: string | null = null): string {
    const code = `${regionPrefix(this.region)}${this.rng.hex(40)}`;
    this.#codes.set(code, { scopes, redirectUri, codeChallenge, expiresAt: now + CODE_TTL_MS, used: false });
    return code;
  }

  /**
   * Consumes an authorization code; null if unknown, used, expired, the redirect URI differs, or
   * the code was issued with a PKCE challenge that `codeVerifier` does not answer. A failed
   * verifier burns the code too (RFC 7636 §4.6 leaves it open; one attempt is the safe reading).
   */
  redeemCode(code: string, redirectUri: string | null, now: number, codeVerifier: string | null = null): string[] | null {
    const grant = this.#codes.get(code);
    if (!grant || grant.used || grant.expiresAt <= now) return null;
    if (redirectUri !== null && redirectUri !== grant.redirectUri) return null;
    grant.used = true;
    if (grant.codeChallenge !== null && (codeVerifier === null || s256(codeVerifier) !== grant.codeChallenge)) return null;
    return grant.scopes;
  }

  /** Grant of a bearer token: "unknown", "expired", or the grant. */
  check(token: string, now: number): AccessGrant | 'unknown' | 'expired' {
    const grant = this.#access.get(token);
    if (!grant) return 'unknown';
    return grant.expiresAt <= now ? 'expired' : grant;
  }
}
