import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, createPkce, oauthCookie, openPending, readCookie, sealPending, type PendingAuthorization } from '@/lib/tesla';
import { s256 } from '@/lib/tesla/oauth-flow';
import { s256 as simS256 } from '@/lib/simulator/auth/token-store';

const KEY = 'ab'.repeat(32);
const pending: PendingAuthorization = {
  state: 'st-1',
  codeVerifier: 'v'.repeat(43),
  redirectUri: 'https://stats.example.com/api/tesla/callback',
  expiresAt: 2_000_000,
};

describe('PKCE', () => {
  it('computes base64url(sha256(verifier)) without padding, in the app and in the simulator', () => {
    // Expected value computed independently (Python: urlsafe_b64encode(sha256(v)).rstrip('=')).
    const verifier = 'dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(s256(verifier)).toBe('ngF5GsXcbwljx6u133FFr3Xht9xooA_DuaX_3QwODtc');
    expect(simS256(verifier)).toBe('ngF5GsXcbwljx6u133FFr3Xht9xooA_DuaX_3QwODtc');
  });
  it('draws a fresh 43-character verifier every time', () => {
    const a = createPkce();
    const b = createPkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(s256(a.verifier));
  });
});

describe('sealed OAuth state cookie', () => {
  it('round-trips and is unreadable without the key', () => {
    const sealed = sealPending(pending, KEY);
    expect(sealed).not.toContain('st-1');
    expect(sealed).not.toContain('vvvvvvvvvv');
    expect(openPending(sealed, KEY, 1_000_000)).toEqual(pending);
  });
  it('refuses an expired, tampered, foreign-key, malformed or missing value', () => {
    const sealed = sealPending(pending, KEY);
    const flip = (s: string, i: number) => `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
    expect(openPending(sealed, KEY, 2_000_000)).toBeUndefined();
    expect(openPending(flip(sealed, sealed.length - 5), KEY, 0)).toBeUndefined();
    expect(openPending(flip(sealed, 3), KEY, 0)).toBeUndefined();
    expect(openPending(sealed, 'cd'.repeat(32), 0)).toBeUndefined();
    for (const bad of [undefined, '', 'a.b', 'a.b.c', 'x'.repeat(5000), '...']) expect(openPending(bad, KEY, 0)).toBeUndefined();
  });
  it('is httpOnly, SameSite=Lax, scoped to /api/tesla, 10 minutes, Secure on https', () => {
    expect(oauthCookie('v', { secure: false })).toBe('tessie_tesla_oauth=v; Path=/api/tesla; Max-Age=600; HttpOnly; SameSite=Lax');
    expect(oauthCookie('v', { secure: true })).toMatch(/; Secure$/);
    expect(oauthCookie('', { secure: false })).toMatch(/Max-Age=0/);
    expect(readCookie('a=1; tessie_tesla_oauth=x.y.z; b=2', 'tessie_tesla_oauth')).toBe('x.y.z');
    expect(readCookie(null, 'tessie_tesla_oauth')).toBeUndefined();
  });
});

describe('authorize URL', () => {
  it('carries everything Tesla requires plus PKCE', () => {
    const url = new URL(
      buildAuthorizeUrl({
        authorizeUrl: 'https://auth.tesla.com/oauth2/v3/authorize',
        clientId: 'cid',
        redirectUri: 'https://x.example/api/tesla/callback',
        state: 'st',
        codeChallenge: 'ch',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://auth.tesla.com/oauth2/v3/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'https://x.example/api/tesla/callback',
      scope: 'openid offline_access user_data vehicle_device_data vehicle_location vehicle_cmds vehicle_charging_cmds energy_device_data',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      prompt_missing_scopes: 'true',
    });
  });
});
