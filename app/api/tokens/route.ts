import { z } from 'zod';
import { getDb } from '@/db';
import { API_TOKEN_SCOPES } from '@/db/schema';
import { createApiToken, listApiTokens } from '@/lib/auth/api-tokens';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';

export const dynamic = 'force-dynamic';

const Body = z
  .object({
    name: z.string().trim().min(1, 'Give the token a name.').max(100),
    scopes: z.array(z.enum(API_TOKEN_SCOPES)).min(1, 'Give the token at least one scope.').max(3).default(['read']),
  })
  .strict();

// GET /api/tokens – the owner's API tokens (names, prefixes, scopes, last use; never the tokens). Admin scope.
export const GET = withAuth(async () => Response.json({ tokens: await listApiTokens(await getDb()) }), { scope: 'admin' });

// POST /api/tokens – create an API token (scopes: read by default; sync, admin); the token is in this response only, once.
export const POST = withAuth(async ({ req }) => {
  const { name, scopes } = Body.parse(await readJson(req));
  const { token, info } = await createApiToken(await getDb(), name, scopes);
  return Response.json({ token, ...info }, { status: 201 });
});
