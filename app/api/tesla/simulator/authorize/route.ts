import { AUTHORIZE_URL } from '@/lib/fleet-api';
import { HttpError } from '@/lib/http/errors';
import { withAuth } from '@/lib/http/handler';
import { redirectUriFor, requestOrigin } from '@/lib/tesla';
import { appTesla } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

// GET /api/tesla/simulator/authorize – demo only (TESLA_MODE=simulator): the simulated Tesla's
// authorize page, consenting at once as the owner would, then back to our callback. 404 in live mode. Admin scope.
export const GET = withAuth(
  async ({ req }) => {
    const app = await appTesla();
    if (app.mode !== 'simulator' || !app.simulator) throw new HttpError(404, 'not_found', 'There is no API endpoint at this path.');
    const target = new URL(AUTHORIZE_URL);
    target.search = new URL(req.url).search;
    const res = await app.simulator.handle(new Request(target));
    const location = res.headers.get('location');
    const callback = redirectUriFor(requestOrigin(req));
    if (res.status !== 302 || !location) {
      const body = (await res.json().catch(() => ({}))) as { error?: string; error_description?: string };
      throw new HttpError(
        400,
        'invalid_authorize_request',
        `The simulated Tesla refused the request (${body.error ?? res.status}${body.error_description ? `: ${body.error_description}` : ''}).`,
      );
    }
    // Never an open redirect: only back to this app's own callback.
    if (`${new URL(location).origin}${new URL(location).pathname}` !== callback)
      throw new HttpError(400, 'invalid_authorize_request', 'redirect_uri must be this app’s callback.');
    return new Response(null, { status: 302, headers: { location, 'cache-control': 'no-store' } });
  },
  { scope: 'admin' },
);
