import { FLEET_SCOPES } from '@/lib/fleet-api/schemas/auth';
import type { RequestContext } from '../context';
import { jsonResponse, oauthError, readParams } from '../http';

/**
 * OAuth endpoints (§2). The authorize page consents at once (as a consenting owner would) and
 * redirects back with `code` + `state`; PKCE (`code_challenge`, S256) binds the code to the
 * token request's `code_verifier`; the token endpoint serves authorization_code, refresh_token (single-use,
 * rotating) and client_credentials (partner token) grants. Auth calls are never billed.
 */
export function authorize(ctx: RequestContext): Response {
  const q = ctx.url.searchParams;
  const { client } = ctx.sim;
  const redirectUri = q.get('redirect_uri');
  if (q.get('response_type') !== 'code') return oauthError(400, 'unsupported_response_type', 'response_type must be code');
  if (q.get('client_id') !== client.clientId) return oauthError(400, 'unauthorized_client', 'unknown client_id');
  if (!redirectUri || (client.redirectUris.length > 0 && !client.redirectUris.includes(redirectUri))) {
    return oauthError(400, 'invalid_redirect_url', 'redirect_uri does not match the application');
  }
  const state = q.get('state');
  if (!state) return oauthError(400, 'invalid_request', 'state is required');
  const challenge = q.get('code_challenge');
  const method = q.get('code_challenge_method') ?? (challenge ? 'plain' : null);
  if (challenge && method !== 'S256') return oauthError(400, 'invalid_request', 'code_challenge_method must be S256');
  if (challenge && !/^[A-Za-z0-9_-]{43,128}$/.test(challenge)) return oauthError(400, 'invalid_request', 'code_challenge is malformed');
  const scopes = (q.get('scope') ?? '').split(/\s+/).filter((s): s is string => (FLEET_SCOPES as readonly string[]).includes(s));
  const code = ctx.sim.tokens.createCode(scopes, redirectUri, ctx.now, challenge);
  const target = new URL(redirectUri);
  target.searchParams.set('code', code);
  target.searchParams.set('state', state);
  target.searchParams.set('issuer', 'https://auth.tesla.com/oauth2/v3');
  return new Response(null, { status: 302, headers: { location: target.toString() } });
}

export async function token(ctx: RequestContext): Promise<Response> {
  const p = await readParams(ctx.req);
  const { client, tokens, api } = ctx.sim;
  const secretOk = p.client_secret === client.clientSecret;
  switch (p.grant_type) {
    case 'authorization_code': {
      if (p.client_id !== client.clientId || !secretOk) return oauthError(401, 'unauthorized_client', 'invalid client credentials');
      const scopes = tokens.redeemCode(p.code ?? '', p.redirect_uri ?? null, ctx.now, p.code_verifier ?? null);
      if (!scopes) return oauthError(400, 'invalid_auth_code', 'The authorization code is invalid, expired or already used');
      return jsonResponse(200, tokens.issue(scopes, ctx.now));
    }
    case 'refresh_token': {
      if (p.client_id !== client.clientId) return oauthError(401, 'unauthorized_client', 'invalid client_id');
      if (p.client_secret !== undefined && !secretOk) return oauthError(401, 'unauthorized_client', 'invalid client_secret');
      const issued = tokens.refresh(p.refresh_token ?? '', ctx.now);
      if (issued) return jsonResponse(200, issued);
      return api.refreshReuseError === 'login_required'
        ? oauthError(
            401,
            'login_required',
            'The user has reset their password and a new auth code is required, or the refresh_token has already been used',
          )
        : oauthError(400, 'invalid_grant', 'The refresh_token is invalid, expired or has already been used');
    }
    case 'client_credentials': {
      if (p.client_id !== client.clientId || !secretOk) return oauthError(401, 'unauthorized_client', 'invalid client credentials');
      const scopes = (p.scope ?? 'openid').split(/\s+/).filter(Boolean);
      return jsonResponse(200, tokens.issue(scopes, ctx.now, { partner: true }));
    }
    default:
      return oauthError(400, 'unsupported_grant_type', `grant_type ${p.grant_type ?? '(missing)'} is not supported`);
  }
}
