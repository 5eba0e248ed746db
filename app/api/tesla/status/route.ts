import { z } from 'zod';
import { getDb } from '@/db';
import { boolParam, parseQuery } from '@/lib/api/query';
import { env } from '@/lib/env';
import { withAuth } from '@/lib/http/handler';
import { getConnectionReport } from '@/lib/tesla';
import { appTesla } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const Query = z.object({ check: boolParam.optional() }).strict();

// GET /api/tesla/status – the settings checklist: client id, key served, partner registered, account
// connected, scopes granted, each with the reason when it fails. `?check=true` confirms with one free call.
export const GET = withAuth(async ({ req }) => {
  const q = parseQuery(req, Query);
  const app = await appTesla();
  const probe = q.check ? await app.tesla.probeConnection() : undefined;
  return Response.json(await getConnectionReport({ db: await getDb(), env: env(), mode: app.mode, clientId: app.clientId, probe }));
});
