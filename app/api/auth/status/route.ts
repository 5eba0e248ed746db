import { getDb } from '@/db';
import { getTeslaConnection } from '@/db/queries/account';
import { env } from '@/lib/env';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

// GET /api/auth/status – the caller is authenticated; is a Tesla account connected, in which mode.
export const GET = withAuth(async () => {
  const tesla = await getTeslaConnection(await getDb());
  return Response.json({
    authenticated: true,
    tesla: {
      mode: env().TESLA_MODE,
      connected: tesla.connected,
      region: tesla.region,
      scopes: tesla.scopes,
      accessTokenExpiresAt: tesla.accessTokenExpiresAt?.toISOString() ?? null,
    },
  });
});
