import 'server-only';
import { lastBucketEnd } from '@/db/queries/sync-energy';
import { bucketsBetween } from '@/db/queries/sync-sessions';
import type { EnergySegment, SiteEnergyBucket } from '@/lib/stats';
import { DAY_MS } from '@/lib/time';
import type { SyncContext } from './context';

/**
 * The site buckets the pricing of charges reads, and this run's cache of them (`ctx.bucketMemo`,
 * `ctx.bucketsEnd`): read here only, and forgotten (`forgetSiteBuckets`) whenever buckets are written.
 */

/** Drops the run's cached buckets and bucket end: call after writing buckets. */
export function forgetSiteBuckets(ctx: SyncContext): void {
  ctx.bucketMemo = undefined;
  ctx.bucketsEnd = undefined;
}

/** End of the site's newest stored bucket (epoch ms; null: none); for the run's site, read once per run (`ctx.bucketsEnd`). */
async function storedBucketsEnd(ctx: SyncContext, siteId: string): Promise<number | null> {
  if (siteId === ctx.site?.id && ctx.bucketsEnd !== undefined) return ctx.bucketsEnd;
  const end = (await lastBucketEnd(ctx.db, siteId))?.getTime() ?? null;
  if (siteId === ctx.site?.id) ctx.bucketsEnd = end;
  return end;
}

/**
 * Site buckets from two days before a closed charge to its end (the Powerwall's solar share needs
 * the lead-in). While the site's stored buckets stop before the end of the charge's energy profile
 * (`profileEnd`) no split can be made (priceCharge needs the whole span covered), so none are read.
 */
export async function siteBuckets(
  ctx: SyncContext,
  s: { startedAt: Date; endedAt: Date | null; open?: boolean },
  profile: readonly EnergySegment[],
): Promise<SiteEnergyBucket[] | null> {
  if (!ctx.site || s.endedAt === null || s.open) return null;
  const end = await storedBucketsEnd(ctx, ctx.site.id);
  if (end === null || end < Math.max(0, ...profile.map((p) => p.to.getTime()))) return [];
  const from = s.startedAt.getTime() - 2 * DAY_MS;
  const to = s.endedAt.getTime();
  // One read serves every session of the run whose window it covers (a day's close reprices several).
  const memo = ctx.bucketMemo;
  if (memo && memo.siteId === ctx.site.id && memo.from <= from && memo.to >= to)
    return memo.rows.filter((b) => b.end.getTime() >= from && b.start.getTime() <= to);
  // Sessions of neighbouring days (a day's close re-prices the day before too): one read of their union.
  const near = memo && memo.siteId === ctx.site.id && Math.max(to, memo.to) - Math.min(from, memo.from) <= 4 * DAY_MS;
  const [readFrom, readTo] = near ? [Math.min(from, memo.from), Math.max(to, memo.to)] : [from, to];
  const rows = await bucketsBetween(ctx.db, ctx.site.id, new Date(readFrom), new Date(readTo));
  const out = rows.map((b) => ({
    start: b.startAt,
    end: b.endAt,
    homeFromSolarKwh: b.homeFromSolarKwh,
    homeFromBatteryKwh: b.homeFromBatteryKwh,
    homeFromGridKwh: b.homeFromGridKwh,
    batteryFromSolarKwh: b.batteryFromSolarKwh,
    batteryFromGridKwh: b.batteryFromGridKwh,
    batteryDischargedKwh: b.batteryDischargedKwh,
  }));
  ctx.bucketMemo = { siteId: ctx.site.id, from: readFrom, to: readTo, rows: out };
  return near ? out.filter((b) => b.end.getTime() >= from && b.start.getTime() <= to) : out;
}
