import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { AUTHORIZE_URL, CN_AUTHORIZE_URL, FLEET_SCOPES, type FleetRegion } from '@/lib/fleet-api';
import { decryptSecret, encryptSecret } from './token-crypto';

/**
 * The browser half of Tesla's authorization-code flow (reference §2.3–2.5), with PKCE (S256).
 * `state` and the `code_verifier` never touch the database: they travel in a short-lived cookie
 * sealed with AES-256-GCM under a key derived from ENCRYPTION_KEY, readable only by this server.
 */

/**
 * Scopes the connect button asks for. Needed by the stats: openid + offline_access (refresh token),
 * vehicle_device_data, vehicle_location (coordinates for places), energy_device_data. Also asked:
 * user_data (account e-mail on the settings page), vehicle_cmds (the owner's explicit wake),
 * vehicle_charging_cmds (Supercharger history and invoices).
 */
export const CONNECT_SCOPES = FLEET_SCOPES.filter((s) => s !== 'energy_cmds');

/** Scopes without which the dashboard cannot work (the settings page flags them). */
export const REQUIRED_SCOPES = ['openid', 'offline_access', 'vehicle_device_data', 'vehicle_location', 'energy_device_data'] as const;

export const OAUTH_COOKIE = 'tessie_tesla_oauth';
/** The cookie is only sent to /api/tesla/* (connect sets it, callback reads it). */
export const OAUTH_COOKIE_PATH = '/api/tesla';
/** Long enough to sign in with MFA; Tesla's codes themselves live minutes. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

const b64url = (buf: Buffer) => buf.toString('base64url');

/** RFC 7636: a 43-character verifier and its S256 challenge. */
export function createPkce(): { verifier: string; challenge: string } {
  const verifier = b64url(randomBytes(32));
  return { verifier, challenge: b64url(createHash('sha256').update(verifier).digest()) };
}

export function s256(verifier: string): string {
  return b64url(createHash('sha256').update(verifier).digest());
}

export function randomState(): string {
  return b64url(randomBytes(24));
}

/** Authorize page: TESLA_AUTHORIZE_URL, else Tesla's (auth.tesla.cn for China). */
export function resolveAuthorizeUrl(configured: string | undefined, region: FleetRegion): string {
  return configured ?? (region === 'cn' ? CN_AUTHORIZE_URL : AUTHORIZE_URL);
}

export function buildAuthorizeUrl(o: {
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes?: readonly string[];
}): string {
  const url = new URL(o.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', o.clientId);
  url.searchParams.set('redirect_uri', o.redirectUri);
  url.searchParams.set('scope', (o.scopes ?? CONNECT_SCOPES).join(' '));
  url.searchParams.set('state', o.state);
  url.searchParams.set('code_challenge', o.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  // Re-asks for scopes the owner un-ticked last time (Tesla's consent page lets them opt out).
  url.searchParams.set('prompt_missing_scopes', 'true');
  return url.toString();
}

/** What the connect step leaves for the callback. */
export type PendingAuthorization = { state: string; codeVerifier: string; redirectUri: string; expiresAt: number };

/** A separate key for cookies, so a cookie can never be replayed as a stored token and vice versa. */
function cookieKey(encryptionKey: string): string {
  return createHash('sha256').update(`tessie-stats/tesla-oauth-state/v1:${encryptionKey}`).digest('hex');
}

export function sealPending(p: PendingAuthorization, encryptionKey: string): string {
  const e = encryptSecret(JSON.stringify({ s: p.state, v: p.codeVerifier, r: p.redirectUri, x: p.expiresAt }), cookieKey(encryptionKey));
  return [e.iv, e.tag, e.ciphertext].map((part) => Buffer.from(part, 'base64').toString('base64url')).join('.');
}

/** The sealed value, or undefined when it is missing, tampered with, sealed under another key, malformed or expired. */
export function openPending(sealed: string | undefined, encryptionKey: string, now: number): PendingAuthorization | undefined {
  if (!sealed || sealed.length > 2048) return undefined;
  const [iv, tag, ciphertext] = sealed.split('.');
  if (!iv || !tag || !ciphertext) return undefined;
  try {
    const b64 = (s: string) => Buffer.from(s, 'base64url').toString('base64');
    const raw = JSON.parse(
      decryptSecret({ iv: b64(iv), tag: b64(tag), ciphertext: b64(ciphertext) }, cookieKey(encryptionKey), 'OAuth state'),
    ) as Record<string, unknown>;
    const p = { state: raw.s, codeVerifier: raw.v, redirectUri: raw.r, expiresAt: raw.x };
    if (
      typeof p.state !== 'string' ||
      typeof p.codeVerifier !== 'string' ||
      typeof p.redirectUri !== 'string' ||
      typeof p.expiresAt !== 'number'
    )
      return undefined;
    return p.expiresAt > now ? (p as PendingAuthorization) : undefined;
  } catch {
    return undefined;
  }
}

/** Set-Cookie for the sealed pending authorization (or its removal with `value: ''`). */
export function oauthCookie(value: string, opts: { secure: boolean; maxAgeSeconds?: number }): string {
  const maxAge = value ? (opts.maxAgeSeconds ?? OAUTH_STATE_TTL_MS / 1000) : 0;
  return [
    `${OAUTH_COOKIE}=${value}`,
    `Path=${OAUTH_COOKIE_PATH}`,
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}

/** A cookie's value from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Constant-time string comparison (state check). */
export function sameString(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return x.equals(y) && a.length === b.length;
}
