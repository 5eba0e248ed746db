import 'server-only';
import { createPublicKey } from 'node:crypto';
import { FLEET_API_BASE_URLS, TokenResponseSchema, fleetPaths, type FleetRegion } from '@/lib/fleet-api';
import { createHttp, type FetchFn } from './client';
import { CONNECT_SCOPES } from './oauth-flow';
import { errorTextOf, parseBody } from './responses';

/**
 * The one-time app onboarding of reference §2.8, as functions the `tesla:setup` script runs (and
 * tests run against the simulator): an EC key pair (prime256v1), a partner token
 * (client_credentials), and `POST /api/1/partner_accounts` in each region. Nothing here logs or
 * returns a secret except the generated key pair, which is written to files only.
 */
export const PUBLIC_KEY_PATH = '/.well-known/appspecific/com.tesla.3p.public-key.pem';
export const PARTNER_SCOPES = CONNECT_SCOPES.filter((s) => s !== 'offline_access').join(' ');

/** TESLA_PUBLIC_KEY as one line (base64 of the PEM), the form dashboards accept best. */
export function publicKeyEnvValue(publicKeyPem: string): string {
  return Buffer.from(publicKeyPem, 'utf8').toString('base64');
}

/** `app.example.com` from a domain or URL; throws on anything that is not a plain host name. */
export function normalizeDomain(input: string): string {
  const host = (/^https?:\/\//i.test(input) ? new URL(input).hostname : input).trim().toLowerCase().replace(/\.$/, '');
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(host))
    throw new Error(`"${input}" is not a domain name (e.g. stats.example.com).`);
  return host;
}

export type PartnerDeps = { fetch?: FetchFn; timeoutMs?: number };
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };

/** A partner token (client_credentials grant) for `audience` (the region's Fleet API base URL). */
export async function getPartnerToken(
  o: { tokenUrl: string; clientId: string; clientSecret: string; audience: string; scope?: string } & PartnerDeps,
): Promise<string> {
  const http = createHttp({ timeoutMs: o.timeoutMs ?? 15_000 }, o.fetch);
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: o.clientId,
    client_secret: o.clientSecret,
    audience: o.audience,
    scope: o.scope ?? PARTNER_SCOPES,
  });
  const res = await http.send(o.tokenUrl, { method: 'POST', headers: FORM, body: form });
  const body = parseBody(res.text);
  if (res.status !== 200) {
    const error = errorTextOf(body);
    throw new Error(
      `Tesla refused the partner token (${res.status}${error ? ` ${error}` : ''}): check TESLA_CLIENT_ID / TESLA_CLIENT_SECRET and that the app allows client credentials.`,
    );
  }
  const parsed = TokenResponseSchema.safeParse(body);
  if (!parsed.success) throw new Error("Tesla's token endpoint sent an unexpected body for the partner token.");
  return parsed.data.access_token;
}

export type RegistrationResult =
  { region: FleetRegion; ok: true; status: number } | { region: FleetRegion; ok: false; status: number | null; reason: string };

/** Explains a failed registration by status: 412 and 421 have their own, actionable reasons. */
export function registrationReason(status: number | null, error: string): string {
  const said = error ? ` Tesla said: ${error}` : '';
  if (status === null) return `Tesla did not answer.${said}`;
  if (status === 412)
    return `412 not registered / precondition failed: the domain must match an allowed origin of your developer app and serve the public key at https://<domain>${PUBLIC_KEY_PATH}.${said}`;
  if (status === 421) return `421 wrong region: this region's host refused the call; register in the region Tesla names.${said}`;
  if (status === 401 || status === 403) return `${status}: the partner token was refused (client id/secret, or scopes of the app).${said}`;
  if (status === 400 || status === 422)
    return `${status}: Tesla could not use the domain (is the public key reachable over HTTPS?).${said}`;
  return `Tesla answered ${status}.${said}`;
}

/** `POST {base}/api/1/partner_accounts {domain}` with a partner token. */
export async function registerPartnerDomain(
  o: { region: FleetRegion; domain: string; partnerToken: string; baseUrl?: string } & PartnerDeps,
): Promise<RegistrationResult> {
  const http = createHttp({ timeoutMs: o.timeoutMs ?? 30_000 }, o.fetch);
  const base = (o.baseUrl ?? FLEET_API_BASE_URLS[o.region]).replace(/\/+$/, '');
  let res;
  try {
    res = await http.send(`${base}${fleetPaths.partnerAccounts()}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${o.partnerToken}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ domain: o.domain }),
    });
  } catch (err) {
    return { region: o.region, ok: false, status: null, reason: registrationReason(null, err instanceof Error ? err.name : '') };
  }
  if (res.status >= 200 && res.status < 300) return { region: o.region, ok: true, status: res.status };
  return { region: o.region, ok: false, status: res.status, reason: registrationReason(res.status, errorTextOf(parseBody(res.text))) };
}

/** The uncompressed P-256 point (04 ‖ x ‖ y, hex) of a PEM public key: how Tesla reports a registered key. */
export function publicKeyPointHex(publicKeyPem: string): string {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  return `04${Buffer.from(jwk.x!, 'base64url').toString('hex')}${Buffer.from(jwk.y!, 'base64url').toString('hex')}`;
}

/** `GET {base}/api/1/partner_accounts/public_key?domain=` (partner token): the key Tesla registered, or null. */
export async function getRegisteredPublicKey(
  o: { region: FleetRegion; domain: string; partnerToken: string; baseUrl?: string } & PartnerDeps,
): Promise<{ status: number; publicKeyHex: string | null }> {
  const http = createHttp({ timeoutMs: o.timeoutMs ?? 15_000 }, o.fetch);
  const base = (o.baseUrl ?? FLEET_API_BASE_URLS[o.region]).replace(/\/+$/, '');
  const res = await http.send(`${base}${fleetPaths.partnerPublicKey()}?${new URLSearchParams({ domain: o.domain })}`, {
    method: 'GET',
    headers: { authorization: `Bearer ${o.partnerToken}`, accept: 'application/json' },
  });
  const body = parseBody(res.text) as { response?: { public_key?: unknown } } | undefined;
  const key = body?.response?.public_key;
  return { status: res.status, publicKeyHex: res.status === 200 && typeof key === 'string' ? key.toLowerCase() : null };
}
