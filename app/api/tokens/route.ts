import { z } from 'zod';
import { getDb } from '@/db';
import { createApiToken, listApiTokens } from '@/lib/auth/api-tokens';
import { withAuth } from '@/lib/http/handler';
import { readJson } from '@/lib/http/read-json';

export const dynamic = 'force-dynamic';

const Body = z.object({ name: z.string().trim().min(1, 'Give the token a name.').max(100) }).strict();

// GET /api/tokens – the owner's API tokens (names and prefixes only, never the tokens).
export const GET = withAuth(async () => Response.json({ tokens: await listApiTokens(await getDb()) }));

// POST /api/tokens – create an API token; the token is in this response only, once.
export const POST = withAuth(async ({ req }) => {
  const { name } = Body.parse(await readJson(req));
  const { token, info } = await createApiToken(await getDb(), name);
  return Response.json({ token, ...info }, { status: 201 });
});
