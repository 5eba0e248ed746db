import 'server-only';
import { dailyCursor, insertEnergyState, listSites, upsertBuckets, upsertDaily, upsertSite, type DailyRow, type SiteRow } from '@/db/queries/sync-energy';
import { sessionsAwaitingSplit } from '@/db/queries/sync-sessions';
import type { VehicleRow } from '@/db/queries/sync-vehicles';
import type { SyncContext } from './context';
import { toBucketRows, toDailyRows } from './energy-history';
import { storedBucketsEnd } from './derive-vehicle';
import { reconcileWallConnector } from './reconcile-step';
import { repricePending } from './reprice';
import { DAY_MS, localDay, localMonth, MINUTE_MS as MIN_MS } from '@/lib/time';

/** Tesla's history of a period is final this long after it ends. */
const SETTLE_MS = 15 * MIN_MS;
/** Backfill on first connect: this many months before the current one (≥ 1 year), or until Tesla has none. */
const BACKFILL_MONTHS = 13;
/** Closed days fetched per run (a long outage catches up over a few runs). */
const MAX_DAYS_PER_RUN = 7;
/** Today's buckets are re-read only for a closed home charge awaiting its split, at most this often. */
const TODAY_REFRESH_MS = 15 * MIN_MS;

/** Energy sites from /products and site_info: on first connect and once a day after. */
export async function ensureSites(ctx: SyncContext): Promise<SiteRow[]> {
  const sites = await listSites(ctx.db);
  const now = ctx.now().getTime();
  if (sites.length > 0 && sites.every((s) => now - s.updatedAt.getTime() < DAY_MS)) return sites;
  for (const site of await ctx.call(() => ctx.tesla.getEnergySites())) {
    const info = await ctx.call(() => ctx.tesla.getSiteInfo(site.siteId));
    await upsertSite(ctx.db, {
      teslaSiteId: site.siteId,
      siteName: info.name ?? site.name,
      timeZone: info.timeZone,
      batteryCount: info.batteryCount,
      totalBatteryCapacityKwh: info.totalBatteryCapacityKwh,
      solarCapacityW: info.nameplatePowerW,
      backupReservePercent: info.backupReservePercent,
      rawData: { site, info },
      updatedAt: new Date(now),
    });
    ctx.count('sites_refreshed');
  }
  return listSites(ctx.db);
}

/**
 * One site per run: a live_status snapshot (cheap, real time only), then calendar_history:
 * - first connect: daily totals of the current month and at least 12 before it (period=month),
 *   stopping at the first month Tesla has nothing for;
 * - every local day once it has closed: its 5-minute buckets (period=day) and daily totals,
 *   stored complete and never fetched again, then that day's Wall Connector history;
 * - today's buckets only while a closed home charge waits for its solar split.
 */
export async function syncSite(ctx: SyncContext, site: SiteRow, vehicles: readonly VehicleRow[]): Promise<void> {
  const { db, tesla } = ctx;
  const live = await ctx.call(() => tesla.getSiteLiveData(site.teslaSiteId));
  const stored = await insertEnergyState(db, {
    siteId: site.id,
    timestamp: live.timestamp,
    solarPowerW: live.solarPowerW,
    batteryPowerW: live.batteryPowerW,
    gridPowerW: live.gridPowerW,
    loadPowerW: live.loadPowerW,
    wallConnectorPowerW: live.wallConnectors.reduce((s, w) => s + w.powerW, 0),
    batteryPercentage: live.batteryPercentage,
    gridStatus: live.gridStatus,
    rawData: live,
  });
  if (stored) ctx.count('energy_states');

  const tz = site.timeZone ?? 'UTC';
  const now = ctx.now();
  const closed = (end: Date) => end.getTime() + SETTLE_MS <= now.getTime();
  const dated = <T extends { timestamp: Date }>(bs: T[]) => bs.map((b) => ({ ...b, date: localDay(b.timestamp, tz).date }));
  const today = localDay(now, tz);
  const cursor = await dailyCursor(db, site.id);

  if (!cursor.first) {
    for (let back = 0; back <= BACKFILL_MONTHS; back++) {
      const m = localMonth(now, back, tz);
      const h = await ctx.call(() => tesla.getSiteHistory(site.teslaSiteId, 'month', { start: m.start, end: new Date(m.end.getTime() - 1000), timeZone: tz }));
      await upsertDaily(db, toDailyRows(site.id, dated(h.buckets), (date) => date < today.date && closed(localDay(new Date(`${date}T12:00:00Z`), tz).end)));
      ctx.count('energy_days_backfilled', h.buckets.length);
      if (h.buckets.length === 0 && back > 0) break;
    }
  }

  const after = cursor.first ? cursor : await dailyCursor(db, site.id);
  let day = after.lastComplete ? localDay(new Date(localDay(new Date(`${after.lastComplete}T12:00:00Z`), tz).end.getTime() + 1), tz) : localDay(new Date(`${after.first ?? today.date}T12:00:00Z`), tz);
  for (let i = 0; i < MAX_DAYS_PER_RUN && closed(day.end); i++) {
    // The day is marked complete only after its reconciliation: a run dying half-way redoes it all.
    const rows = await readDay(ctx, site, day, false);
    await reconcileWallConnector(ctx, site.teslaSiteId, new Date(day.start.getTime() - DAY_MS), day.end, vehicles);
    await repricePending(ctx, new Date(day.start.getTime() - DAY_MS), day.end, vehicles);
    await upsertDaily(db, rows.map((r) => ({ ...r, complete: true })));
    ctx.count('energy_days_closed');
    day = localDay(day.end, tz);
  }

  const waiting = await sessionsAwaitingSplit(db, today.start, now);
  const newestBucket = waiting.length > 0 ? await storedBucketsEnd(ctx, site.id) : null;
  const lastEnd = waiting.length === 0 ? now : newestBucket === null ? today.start : new Date(newestBucket);
  if (waiting.some((s) => s.endedAt && s.endedAt > lastEnd) && now.getTime() - lastEnd.getTime() >= TODAY_REFRESH_MS) {
    await readDay(ctx, site, today, false);
    await repricePending(ctx, today.start, now, vehicles);
  }
}

async function readDay(ctx: SyncContext, site: SiteRow, day: { date: string; start: Date; end: Date }, complete: boolean): Promise<DailyRow[]> {
  const tz = site.timeZone ?? 'UTC';
  const h = await ctx.call(() => ctx.tesla.getSiteHistory(site.teslaSiteId, 'day', { start: day.start, end: new Date(day.end.getTime() - 1000), timeZone: tz }));
  await upsertBuckets(ctx.db, toBucketRows(site.id, h.buckets));
  ctx.bucketMemo = undefined;
  ctx.bucketsEnd = undefined;
  const daily = toDailyRows(site.id, h.buckets.map((b) => ({ ...b, date: day.date })), () => complete);
  const rows = daily.length > 0 ? daily : [{ siteId: site.id, date: day.date, complete }];
  await upsertDaily(ctx.db, rows);
  ctx.count('energy_buckets', h.buckets.length);
  return rows;
}
