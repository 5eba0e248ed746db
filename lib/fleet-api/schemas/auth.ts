import { z } from 'zod';

/**
 * OAuth token endpoint bodies (reference §2.5–2.7). Token responses are NOT wrapped in `response`.
 * `refresh_token` is absent for client_credentials (partner) tokens and without `offline_access`.
 */
export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().optional(),
  expires_in: z.number().int().positive(),
  token_type: z.string(),
  state: z.string().optional(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

/**
 * OAuth error. A reused or expired refresh token is reported two ways (see §2.6 and the issue):
 * 401 `login_required` (Tesla/PY) or 400 `invalid_grant` (OAuth RFC 6749) — treat both as "re-auth".
 */
export const OAuthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  referenceID: z.string().optional(),
});
export type OAuthError = z.infer<typeof OAuthErrorSchema>;

export const REAUTH_ERRORS = ['login_required', 'invalid_grant'] as const;

/** Access-token JWT payload claims clients read (region from `ou_code`, scopes from `scp`). */
export const AccessTokenClaimsSchema = z.object({
  iss: z.string(),
  sub: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  azp: z.string().optional(),
  scp: z.array(z.string()),
  iat: z.number().int(),
  exp: z.number().int(),
  ou_code: z.string().optional(),
  locale: z.string().optional(),
  amr: z.array(z.string()).optional(),
  auth_time: z.number().optional(),
});
export type AccessTokenClaims = z.infer<typeof AccessTokenClaimsSchema>;

/** Decodes (does not verify) a JWT payload. Throws on a malformed token. */
export function decodeJwtPayload(token: string): unknown {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  const b64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Scopes (§2.2). */
export const FLEET_SCOPES = [
  'openid',
  'offline_access',
  'user_data',
  'vehicle_device_data',
  'vehicle_location',
  'vehicle_cmds',
  'vehicle_charging_cmds',
  'energy_device_data',
  'energy_cmds',
] as const;
export type FleetScope = (typeof FLEET_SCOPES)[number];
