import { getDb } from '@/db';
import { clearTeslaTokens } from '@/db/queries/account';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

// DELETE /api/auth/token – disconnect Tesla: forget the stored (encrypted) tokens.
export const DELETE = withAuth(async () => {
  const removed = await clearTeslaTokens(await getDb());
  return Response.json({ removed });
});
