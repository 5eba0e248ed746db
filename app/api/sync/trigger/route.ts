import { withAuth } from '@/lib/http/handler';
import { syncOnce } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const maxDuration = 60;

// POST /api/sync/trigger – the owner's "sync now": fresh data for every online car (never wakes one). Sync scope.
export const POST = withAuth(
  async () => {
    const summary = await syncOnce({ trigger: 'manual', fresh: true });
    return Response.json(summary, { status: summary.status === 'skipped' ? 409 : 200 });
  },
  { scope: 'sync' },
);
