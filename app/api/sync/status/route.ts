import { z } from 'zod';
import { getDb } from '@/db';
import { HttpError } from '@/lib/http/errors';
import { withAuth } from '@/lib/http/handler';
import { describeUnreadable, listRuns } from '@/lib/sync/runs';

export const dynamic = 'force-dynamic';

const Query = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();

// GET /api/sync/status – the latest sync runs (newest first), whether one is running, and per run what Tesla sent that could not be read.
export const GET = withAuth(async ({ req }) => {
  const parsed = Query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new HttpError(400, 'invalid_query', 'limit must be a whole number from 1 to 100.');
  const runs = await listRuns(await getDb(), parsed.data.limit);
  return Response.json({
    running: runs.some((r) => r.status === 'running'),
    lastSucceededAt: runs.find((r) => r.status === 'succeeded')?.finishedAt?.toISOString() ?? null,
    runs: runs.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      status: r.status,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      requests: r.requests,
      counts: r.counts,
      error: r.error,
      teslaUnreadable: { ...r.teslaUnreadable, summary: describeUnreadable(r.teslaUnreadable) },
    })),
  });
});
