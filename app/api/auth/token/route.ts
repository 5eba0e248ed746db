import { z } from 'zod';
import { HttpError } from '@/lib/http/errors';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';
import { REQUIRED_SCOPES, TeslaApiError, TeslaAuthError } from '@/lib/tesla';
import { appTesla } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Tesla refresh tokens are opaque, region-prefixed strings (`NA_…`/`EU_…`): printable, no spaces. */
const Body = z
  .object({
    refreshToken: z
      .string()
      .trim()
      .min(16, 'a Tesla refresh token is longer than this')
      .max(4096, 'too long for a Tesla refresh token')
      .regex(/^[A-Za-z0-9._~+/=-]+$/, 'contains characters a Tesla refresh token never has'),
  })
  .strict();

// POST /api/auth/token – store a Tesla refresh token, but only one Tesla accepts: it is exchanged
// at the token endpoint first (the rotated token is stored, encrypted). A rejected one changes nothing.
export const POST = withAuth(async ({ req }) => {
  const { refreshToken } = Body.parse(await readJson(req));
  const { tesla } = await appTesla();
  try {
    const r = await tesla.connectWithRefreshToken(refreshToken);
    return Response.json(
      {
        connected: true,
        region: r.region,
        fleetApiBaseUrl: r.fleetApiBaseUrl,
        scopes: r.scopes,
        missingScopes: REQUIRED_SCOPES.filter((s) => !r.scopes.includes(s)),
        regionDiscovered: r.regionDiscovered,
      },
      { status: 201 },
    );
  } catch (err) {
    const rejected =
      (err instanceof TeslaAuthError && err.reason === 'reauth_required') ||
      (err instanceof TeslaApiError && err.code === 'tesla_token_error' && (err.upstreamStatus ?? 500) < 500);
    if (rejected) {
      throw new HttpError(
        422,
        'tesla_token_rejected',
        'Tesla did not accept this refresh token (expired, revoked, already used, or issued to another app). Nothing was changed.',
      );
    }
    throw err;
  }
});

// DELETE /api/auth/token – disconnect Tesla: forget the stored (encrypted) tokens.
export const DELETE = withAuth(async () => {
  const { tesla } = await appTesla();
  const removed = await tesla.disconnect();
  return Response.json({ removed });
});
