import { z } from 'zod';
import { getDb } from '@/db';
import { revokeApiToken } from '@/lib/auth/api-tokens';
import { withAuth } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

const Params = z.object({ id: z.uuid('Not a token id.') });

// DELETE /api/tokens/:id – revoke an API token.
export const DELETE = withAuth<{ id: string }>(async ({ params }) => {
  const { id } = Params.parse(params);
  await revokeApiToken(await getDb(), id);
  return new Response(null, { status: 204 });
});
