import 'server-only';
import {
  dailyCursor,
  dayInputs,
  failedDays,
  insertEnergyState,
  recordDayFailure,
  listSites,
  upsertBuckets,
  upsertDaily,
  upsertSite,
  type DailyRow,
  type SiteRow,
} from '@/db/queries/sync-energy';
import { sessionsAwaitingSplit } from '@/db/queries/sync-sessions';
import type { VehicleRow } from '@/db/queries/sync-vehicles';
import { SyncBudgetExceeded, type SyncContext } from './context';
import { toBucketRows, toDailyRows } from './energy-history';
import { reconcileWallConnector } from './reconcile-step';
import { repricePending } from './reprice';
import { forgetSiteBuckets } from './site-buckets';
import { daySoFar, LIVE_HOLD_MS } from '@/lib/stats';
import { addDays, DAY_MS, dayOf, knownZone, localDay, localMonth, MINUTE_MS as MIN_MS, type LocalDay } from '@/lib/time';

/** Tesla's history of a period is final this long after it ends. */
const SETTLE_MS = 15 * MIN_MS;
/** Backfill on first connect: this many months before the current one (≥ 1 year), or until Tesla has none. */
const BACKFILL_MONTHS = 13;
/** Closed days fetched per run (a long outage catches up over a few runs). */
const MAX_DAYS_PER_RUN = 7;
/** Today's buckets are re-read (for a home charge awaiting its split, or to fill a gap in the live readings) at most this often. */
const TODAY_REFRESH_MS = 15 * MIN_MS;

/**
 * Energy sites from /products and site_info: on first connect and once a day after. Each site is
 * read on its own: a failing /products keeps the stored sites, a failing site_info keeps that site
 * as stored (or leaves a new one for the next run); neither stops the run (the failure is reported).
 * `nameplate_power` is the Powerwalls' rated power, stored as such; Tesla does not report the solar
 * array's size, so `solar_capacity_w` stays null.
 */
export async function ensureSites(ctx: SyncContext): Promise<SiteRow[]> {
  const sites = await listSites(ctx.db);
  const now = ctx.now().getTime();
  if (sites.length > 0 && sites.every((s) => now - s.updatedAt.getTime() < DAY_MS)) return sites;
  let listed: Awaited<ReturnType<SyncContext['tesla']['getEnergySites']>>;
  try {
    listed = await ctx.call(() => ctx.tesla.getEnergySites());
  } catch (err) {
    if (err instanceof SyncBudgetExceeded) throw err;
    ctx.report(`energy sites: ${messageOf(err)}`);
    return sites;
  }
  for (const site of listed) {
    try {
      const info = await ctx.call(() => ctx.tesla.getSiteInfo(site.siteId));
      await upsertSite(ctx.db, {
        teslaSiteId: site.siteId,
        siteName: info.name ?? site.name,
        timeZone: info.timeZone,
        batteryCount: info.batteryCount,
        totalBatteryCapacityKwh: info.totalBatteryCapacityKwh,
        solarCapacityW: null,
        batteryPowerW: info.nameplatePowerW,
        wallConnectorCount: new Set([...site.wallConnectorDins, ...info.wallConnectorDins]).size,
        backupReservePercent: info.backupReservePercent,
        rawData: { site, info },
        updatedAt: new Date(now),
      });
      ctx.count('sites_refreshed');
    } catch (err) {
      if (err instanceof SyncBudgetExceeded) throw err;
      ctx.report(`site ${site.siteId}: ${messageOf(err)}`);
    }
  }
  return listSites(ctx.db);
}

/**
 * The site a home charge is split against: the account may hold several (a holiday home, a
 * parent's house) in any order. The one with a Wall Connector (where the cars charge), then the one
 * stored first; a site whose Wall Connectors are unknown (stored before they were counted) counts
 * as having one.
 */
export function homeSite(sites: readonly SiteRow[]): SiteRow | undefined {
  const hasWc = (s: SiteRow) => (s.wallConnectorCount === null || s.wallConnectorCount > 0 ? 0 : 1);
  return [...sites].sort(
    (a, b) => hasWc(a) - hasWc(b) || a.createdAt.getTime() - b.createdAt.getTime() || a.teslaSiteId.localeCompare(b.teslaSiteId),
  )[0];
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * One site per run: a live_status snapshot (cheap, real time only), then calendar_history:
 * - first connect: daily totals of the current month and at least 12 before it (period=month),
 *   stopping at the first month Tesla has nothing for;
 * - every local day once it has closed: its 5-minute buckets (period=day) and daily totals,
 *   stored complete and never fetched again, then that day's Wall Connector history;
 * - today's buckets only while a closed home charge waits for its solar split, or when the live
 *   readings leave a gap in the day (the app was not running);
 * - today's provisional totals (energy_daily, not complete) from those buckets and the live readings.
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
    wallConnectorPowerW: wallConnectorPower(live.wallConnectors),
    batteryPercentage: live.batteryPercentage,
    gridStatus: live.gridStatus,
    rawData: live.raw,
  });
  if (stored) ctx.count('energy_states');

  const tz = knownZone(site.timeZone);
  const now = ctx.now();
  const closed = (end: Date) => end.getTime() + SETTLE_MS <= now.getTime();
  const dated = <T extends { timestamp: Date }>(bs: T[]) => bs.map((b) => ({ ...b, date: localDay(b.timestamp, tz).date }));
  const today = localDay(now, tz);
  const cursor = await dailyCursor(db, site.id);

  if (!cursor.first) {
    for (let back = 0; back <= BACKFILL_MONTHS; back++) {
      const m = localMonth(now, back, tz);
      const h = await ctx.call(() =>
        tesla.getSiteHistory(site.teslaSiteId, 'month', { start: m.start, end: new Date(m.end.getTime() - 1000), timeZone: tz }),
      );
      await upsertDaily(
        db,
        toDailyRows(site.id, dated(h.buckets), (date) => date < today.date && closed(dayOf(date, tz).end)),
      );
      ctx.count('energy_days_backfilled', h.buckets.length);
      if (h.buckets.length === 0 && back > 0) break;
    }
  }

  // Closed days: first those whose earlier read failed and whose back-off is over, then the days
  // after the newest complete one. A day in back-off is passed over, never holding up the days after it.
  const after = cursor.first ? cursor : await dailyCursor(db, site.id);
  const failed = await failedDays(db, site.id);
  const waiting = (date: string) => {
    const f = failed.find((d) => d.date === date);
    return f !== undefined && f.retryAt !== null && f.retryAt.getTime() > now.getTime();
  };
  const days: LocalDay[] = failed.filter((f) => !waiting(f.date)).map((f) => dayOf(f.date, tz));
  let day = after.lastComplete ? dayOf(addDays(after.lastComplete, 1), tz) : dayOf(after.first ?? today.date, tz);
  for (; days.length < MAX_DAYS_PER_RUN && closed(day.end); day = dayOf(addDays(day.date, 1), tz))
    if (!waiting(day.date) && !days.some((d) => d.date === day.date)) days.push(day);
  for (const d of days.slice(0, MAX_DAYS_PER_RUN)) {
    try {
      // The day is marked complete only after its reconciliation: a run dying half-way redoes it all.
      const rows = await readDay(ctx, site, d, false);
      if (site.wallConnectorCount !== 0)
        await reconcileWallConnector(ctx, site.teslaSiteId, new Date(d.start.getTime() - DAY_MS), d.end, vehicles);
      await repricePending(ctx, new Date(d.start.getTime() - DAY_MS), d.end, vehicles);
      await upsertDaily(
        db,
        rows.map((r) => ({ ...r, complete: true })),
      );
      ctx.count('energy_days_closed');
    } catch (err) {
      if (err instanceof SyncBudgetExceeded) throw err;
      await recordDayFailure(db, { siteId: site.id, date: d.date, now });
      ctx.count('energy_days_failed');
      ctx.report(`site ${site.teslaSiteId} day ${d.date}: ${messageOf(err)} (read again later)`);
    }
  }

  // Today (and yesterday, until its history is read): provisional totals from the stored history
  // buckets, then live readings. When the readings leave more of the day uncovered than an
  // observation gap (the app was down, or just connected), or a closed home charge waits for its
  // split, today's history is read first (at most every TODAY_REFRESH_MS).
  let inputs = await dayInputs(db, {
    siteId: site.id,
    from: today.start,
    to: now,
    readingsFrom: new Date(today.start.getTime() - LIVE_HOLD_MS),
  });
  const historyEnd = inputs.buckets.at(-1)?.endAt.getTime() ?? today.start.getTime();
  const previousReading =
    inputs.readings
      .filter((r) => r.timestamp.getTime() < live.timestamp.getTime())
      .at(-1)
      ?.timestamp.getTime() ?? -Infinity;
  const uncovered = now.getTime() - Math.max(today.start.getTime(), historyEnd, previousReading);
  const awaiting = await sessionsAwaitingSplit(db, today.start, now);
  const splitWaits = awaiting.some((s) => s.endedAt && s.endedAt.getTime() > historyEnd);
  if ((uncovered > ctx.observationGapMs || splitWaits) && now.getTime() - historyEnd >= TODAY_REFRESH_MS) {
    await readDay(ctx, site, today, false);
    if (splitWaits) await repricePending(ctx, today.start, now, vehicles);
    ctx.count(splitWaits ? 'energy_today_read_for_split' : 'energy_today_read_for_gap');
    inputs = await dayInputs(db, {
      siteId: site.id,
      from: today.start,
      to: now,
      readingsFrom: new Date(today.start.getTime() - LIVE_HOLD_MS),
    });
  }
  await upsertDaily(db, [provisionalRow(site.id, today, now, inputs)]);
  const yesterday = dayOf(addDays(today.date, -1), tz);
  if (!closed(yesterday.end)) {
    const y = await dayInputs(db, {
      siteId: site.id,
      from: yesterday.start,
      to: yesterday.end,
      readingsFrom: new Date(yesterday.start.getTime() - LIVE_HOLD_MS),
    });
    await upsertDaily(db, [provisionalRow(site.id, yesterday, yesterday.end, y)]);
  }
}

/** The Wall Connectors' draw (W): 0 without any, null when none of their readings is readable. */
function wallConnectorPower(wcs: readonly { powerW: number | null }[]): number | null {
  const readable = wcs.map((w) => w.powerW).filter((w): w is number => w !== null);
  return wcs.length > 0 && readable.length === 0 ? null : readable.reduce((s, w) => s + w, 0);
}

/** The energy_daily row of a day not yet complete: history buckets, then live readings, up to `until`. */
function provisionalRow(siteId: string, day: LocalDay, until: Date, inputs: Awaited<ReturnType<typeof dayInputs>>): DailyRow {
  const t = daySoFar(inputs.buckets, inputs.readings, { start: day.start, until: until < day.end ? until : day.end });
  const kwh = (v: number) => Math.round(v * 100) / 100;
  const pct = (part: number, whole: number) =>
    whole > 0 ? Math.round(Math.min(100, Math.max(0, (1 - part / whole) * 100)) * 100) / 100 : null;
  return {
    siteId,
    date: day.date,
    solarProducedKwh: kwh(t.solarProducedKwh),
    solarExportedKwh: kwh(t.solarExportedKwh),
    batteryChargedKwh: kwh(t.batteryChargedKwh),
    batteryDischargedKwh: kwh(t.batteryDischargedKwh),
    gridImportedKwh: kwh(t.gridImportedKwh),
    gridExportedKwh: kwh(t.gridExportedKwh),
    homeConsumedKwh: kwh(t.homeConsumedKwh),
    selfConsumptionPercentage: pct(t.solarExportedKwh, t.solarProducedKwh),
    selfPoweredPercentage: pct(t.homeFromGridKwh, t.homeConsumedKwh),
    complete: false,
    historyUntil: t.historyUntil,
    liveUntil: t.liveUntil,
    bucketCount: null,
  };
}

async function readDay(
  ctx: SyncContext,
  site: SiteRow,
  day: { date: string; start: Date; end: Date },
  complete: boolean,
): Promise<DailyRow[]> {
  const tz = knownZone(site.timeZone);
  const h = await ctx.call(() =>
    ctx.tesla.getSiteHistory(site.teslaSiteId, 'day', { start: day.start, end: new Date(day.end.getTime() - 1000), timeZone: tz }),
  );
  await upsertBuckets(ctx.db, toBucketRows(site.id, h.buckets, day, ctx.now()));
  forgetSiteBuckets(ctx);
  const daily = toDailyRows(
    site.id,
    h.buckets.map((b) => ({ ...b, date: day.date })),
    () => complete,
  );
  const rows = daily.length > 0 ? daily : [{ siteId: site.id, date: day.date, complete }];
  await upsertDaily(ctx.db, rows);
  ctx.count('energy_buckets', h.buckets.length);
  return rows;
}
