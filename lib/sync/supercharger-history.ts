import 'server-only';
import type { SuperchargerSession } from '@/lib/tesla';
import type { SyncContext } from './context';
import { DAY_MS, HOUR_MS } from '@/lib/time';

/** Sessions asked per page (Tesla's `pageSize`). */
export const HISTORY_PAGE_SIZE = 50;
/** Pages of one read at most, whatever `totalResults` says (every page is billed). */
export const MAX_HISTORY_PAGES = 10;

/**
 * Every page of the Supercharger history for one car and window (`dx/charging/history`), each
 * page one Tesla call through the run's bound (`ctx.call`). `totalResults` is read as the count of
 * the whole window (the live payload: 10 results with one on page 3), entries Tesla leaves out of
 * a page included, so a page can come back empty while later pages are not. After each page:
 * - every counted entry has come (`read >= totalResults`): done;
 * - otherwise the read goes on while the pages `totalResults` implies at the asked page size are
 *   not all read, and past them only while the last page held entries (Tesla may page smaller
 *   than asked); an empty page beyond them ends it;
 * - without `totalResults`, a page shorter than asked is the last.
 * Never more than `MAX_HISTORY_PAGES`. A session on two pages is kept once.
 */
export async function readSuperchargerHistory(
  ctx: SyncContext,
  q: { vin: string; start: Date; end: Date },
): Promise<{ sessions: SuperchargerSession[]; pages: number }> {
  const byId = new Map<string, SuperchargerSession>();
  let read = 0;
  let pages = 0;
  for (let pageNo = 1; pageNo <= MAX_HISTORY_PAGES; pageNo++) {
    const page = await ctx.call(() => ctx.tesla.getSuperchargerHistory({ ...q, pageNo, pageSize: HISTORY_PAGE_SIZE }));
    pages++;
    for (const s of page.sessions) if (!byId.has(s.sessionId)) byId.set(s.sessionId, s);
    read += page.entries;
    if (!morePages({ total: page.totalResults, read, pageNo, entries: page.entries })) break;
  }
  return { sessions: [...byId.values()], pages };
}

/** Whether another page is to be asked after page `pageNo` (see `readSuperchargerHistory`). */
export function morePages(p: { total: number | null; read: number; pageNo: number; entries: number }): boolean {
  if (p.total === null) return p.entries >= HISTORY_PAGE_SIZE;
  if (p.read >= p.total) return false;
  return p.pageNo * HISTORY_PAGE_SIZE < p.total || p.entries > 0;
}

/** How long after `failures` failed reads in a row the next is allowed: 1 h, doubling, at most the weekly sweep's interval. */
export function historyBackoffMs(failures: number): number {
  return Math.min(HOUR_MS * 2 ** Math.max(0, failures - 1), SWEEP_MS);
}

/** A sweep for sessions never seen while charging runs weekly. */
export const SWEEP_MS = 7 * DAY_MS;
