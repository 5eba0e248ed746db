import { env } from '@/lib/env';
import { HttpError } from '@/lib/http/errors';
import { withAuth } from '@/lib/http/handler';
import {
  OAUTH_STATE_TTL_MS,
  buildAuthorizeUrl,
  createPkce,
  oauthCookie,
  randomState,
  redirectUriFor,
  requestOrigin,
  sealPending,
} from '@/lib/tesla';
import { appTesla } from '@/lib/runtime';
import { clock } from '@/lib/clock';

export const dynamic = 'force-dynamic';

// GET /api/tesla/connect – the owner's "Connect with Tesla": redirects to Tesla's authorize page with
// state and PKCE (S256); state + code_verifier wait in a sealed, httpOnly, 10-minute cookie. Admin scope.
export const GET = withAuth(
  async ({ req }) => {
    const app = await appTesla();
    if (!app.clientId || (app.mode === 'live' && !env().TESLA_CLIENT_SECRET)) {
      throw new HttpError(
        409,
        'tesla_not_configured',
        'Set TESLA_CLIENT_ID and TESLA_CLIENT_SECRET (from your app on developer.tesla.com) before connecting.',
      );
    }
    const origin = requestOrigin(req);
    const redirectUri = redirectUriFor(origin);
    const { verifier, challenge } = createPkce();
    const state = randomState();
    const sealed = sealPending(
      { state, codeVerifier: verifier, redirectUri, expiresAt: clock.ms() + OAUTH_STATE_TTL_MS },
      env().ENCRYPTION_KEY,
    );
    const location = buildAuthorizeUrl({
      authorizeUrl: app.authorizeUrl(origin),
      clientId: app.clientId,
      redirectUri,
      state,
      codeChallenge: challenge,
    });
    return new Response(null, {
      status: 302,
      headers: { location, 'set-cookie': oauthCookie(sealed, { secure: origin.startsWith('https:') }), 'cache-control': 'no-store' },
    });
  },
  { scope: 'admin' },
);
