import { z } from 'zod';
import { env } from '@/lib/env';
import { HttpError, toErrorResponse } from '@/lib/http/errors';
import { log } from '@/lib/log';
import { OAUTH_COOKIE, TeslaError, oauthCookie, openPending, readCookie, requestOrigin, sameString } from '@/lib/tesla';
import { appTesla } from '@/lib/runtime';
import { clock } from '@/lib/clock';

export const dynamic = 'force-dynamic';

const param = z.string().max(2048).optional();
const Query = z.object({ code: param, state: param, error: param, error_description: param, issuer: param, locale: param });

/** Tesla's short error, reduced to a safe token for the settings URL. */
const shortCode = (s: string) => s.replace(/[^a-z0-9_]/gi, '_').slice(0, 40) || 'error';

// GET /api/tesla/callback – public (Tesla redirects the browser here). Only completes an
// authorization this server started: the state must match the sealed cookie set by /api/tesla/connect,
// else 400 and nothing is stored. Then the code (with its PKCE verifier) is exchanged, tokens and
// scopes stored encrypted, the region discovered, and the browser sent back to /settings/tesla.
export async function GET(req: Request): Promise<Response> {
  const origin = requestOrigin(req);
  const clear = oauthCookie('', { secure: origin.startsWith('https:') });
  const withCleared = (res: Response) => {
    res.headers.append('set-cookie', clear);
    res.headers.set('cache-control', 'no-store');
    return res;
  };
  const toSettings = (query: string) =>
    withCleared(new Response(null, { status: 303, headers: { location: `${origin}/settings/tesla?${query}` } }));
  try {
    const url = new URL(req.url);
    const parsed = Query.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) throw new HttpError(400, 'invalid_oauth_callback', 'The callback parameters are not valid.');
    const q = parsed.data;
    const pending = openPending(readCookie(req.headers.get('cookie'), OAUTH_COOKIE), env().ENCRYPTION_KEY, clock.ms());
    if (!pending)
      throw new HttpError(
        400,
        'invalid_oauth_state',
        'This sign-in with Tesla was not started here, or it expired (10 minutes). Start again from Settings → Connect with Tesla.',
      );
    if (!q.state || !sameString(q.state, pending.state))
      throw new HttpError(
        400,
        'invalid_oauth_state',
        'The state returned by Tesla does not match this sign-in. Nothing was stored; start again from Settings.',
      );
    if (q.error) return toSettings(`tesla=error&reason=${shortCode(q.error)}`);
    if (!q.code) throw new HttpError(400, 'invalid_oauth_callback', 'Tesla sent no authorization code.');
    const app = await appTesla();
    try {
      await app.tesla.completeAuthorization({ code: q.code, redirectUri: pending.redirectUri, codeVerifier: pending.codeVerifier });
    } catch (err) {
      if (!(err instanceof TeslaError)) throw err;
      log.warn('Tesla authorization could not be completed', err);
      return toSettings(`tesla=error&reason=${shortCode(err.code)}`);
    }
    return toSettings('tesla=connected');
  } catch (err) {
    return withCleared(toErrorResponse(err));
  }
}
