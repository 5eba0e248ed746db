import { withCron } from '@/lib/http/handler';
import { syncOnce } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const maxDuration = 60;

/**
 * GET /api/sync/cron – Vercel cron (every 5 minutes, see vercel.json); `Authorization: Bearer $CRON_SECRET`.
 * Bounded: one run takes a limited number of requests and seconds. Safe to overlap or repeat: a
 * second concurrent run finds the first's 'running' row and exits as skipped; upserts use natural keys.
 */
export const GET = withCron(async () => Response.json(await syncOnce({ trigger: 'cron' })));
