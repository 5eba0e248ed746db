import { ENERGY_PERIODS } from '@/lib/fleet-api/schemas/energy-history';
import type { RequestContext } from '../context';
import { BUCKET_MS, toHistoryFields } from '../energy/energy-history';
import type { EnergySite } from '../energy/energy-model';
import { periodBuckets, type Period } from '../energy/history-query';
import { fleetError, ok } from '../http';
import { formatIsoLocal, isValidTimeZone } from '../time-zone';
import { liveStatus, siteInfo } from '../views/energy-view';

/** Energy site routes (§4). `{id}` must be one of the account's energy_site_ids. */
function siteOf(ctx: RequestContext): EnergySite | undefined {
  return [ctx.sim.world.site, ...ctx.sim.world.otherSites].find((s) => s.spec.energySiteId === ctx.params.id);
}

export function getLiveStatus(ctx: RequestContext): Response {
  const site = siteOf(ctx);
  return site ? ok(liveStatus(ctx.sim, site, ctx.now)) : fleetError(404, 'not_found', '');
}

export function getSiteInfo(ctx: RequestContext): Response {
  const site = siteOf(ctx);
  return site ? ok(siteInfo(site)) : fleetError(404, 'not_found', '');
}

function parseDate(raw: string | null): number | null | 'invalid' {
  if (raw === null || raw === '') return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? 'invalid' : ms;
}

/**
 * GET …/calendar_history?kind=energy|backup&period&start_date&end_date&time_zone. `period=day`
 * comes in the buckets of `ApiOptions.calendarHistoryBuckets` (5-minute, hourly or one daily entry).
 */
export function getCalendarHistory(ctx: RequestContext): Response {
  const site = siteOf(ctx);
  if (!site) return fleetError(404, 'not_found', '');
  const q = ctx.url.searchParams;
  const kind = q.get('kind');
  const siteTz = site.spec.timeZone;
  const tzParam = q.get('time_zone');
  const tz = tzParam && isValidTimeZone(tzParam) ? tzParam : siteTz;
  const end = parseDate(q.get('end_date'));
  const start = parseDate(q.get('start_date'));
  if (end === 'invalid' || start === 'invalid') return fleetError(400, 'invalid_field', 'start_date/end_date must be RFC 3339');
  const history = site.history;
  const now = ctx.sim.world.time;
  if (kind === 'backup') {
    const period = q.get('period') as Period | null;
    const range =
      period && (ENERGY_PERIODS as readonly string[]).includes(period)
        ? periodBuckets({ period, tz, end: end ?? now, start, origin: history.origin, now: now + 1 })
        : null;
    const from = range?.[0]?.start ?? -Infinity;
    const to = range?.[range.length - 1]?.end ?? Infinity;
    const events = (site === ctx.sim.world.site ? ctx.sim.world.gt.outages : [])
      .filter((o) => o.start < now && o.start >= from && o.start < to)
      .map((o) => ({ timestamp: formatIsoLocal(siteTz, o.start), duration: Math.round((Math.min(o.end, now) - o.start) / 1000) }));
    return ok({ events, total_events: events.length });
  }
  if (kind !== 'energy') return fleetError(400, 'invalid_field', "kind must be 'energy' or 'backup'");
  const period = q.get('period');
  if (!period || !(ENERGY_PERIODS as readonly string[]).includes(period)) {
    return fleetError(400, "Period must either be 'day', 'week', 'month', 'year', or 'lifetime'", '');
  }
  const buckets = periodBuckets({
    period: period as Period,
    tz,
    end: end ?? now,
    start,
    origin: history.origin,
    now,
    day: ctx.sim.api.calendarHistoryBuckets,
  });
  const time_series = buckets.map((b) => {
    const flows = b.end - b.start === BUCKET_MS ? history.roundedBucket(b.start) : history.sumRounded(b.start, b.end);
    return { timestamp: formatIsoLocal(tz, b.start), ...toHistoryFields(flows) };
  });
  return ok({ serial_number: site.spec.gatewaySiteId, period, installation_time_zone: siteTz, time_series });
}

/** GET …/telemetry_history?kind=charge&start_date&end_date — finished sessions of the site's Wall Connectors. */
export function getTelemetryHistory(ctx: RequestContext): Response {
  const site = siteOf(ctx);
  if (!site) return fleetError(404, 'not_found', '');
  const dins = new Set(site.spec.wallConnectors.map((w) => w.din));
  const q = ctx.url.searchParams;
  if (q.get('kind') !== 'charge') return fleetError(400, 'invalid_field', "kind must be 'charge'");
  const start = parseDate(q.get('start_date'));
  const end = parseDate(q.get('end_date'));
  if (start === null || end === null || start === 'invalid' || end === 'invalid') {
    return fleetError(400, 'invalid_field', 'start_date and end_date (RFC 3339) are required');
  }
  const sessions = ctx.sim.world.gt.charges
    .filter(
      (c) =>
        c.kind === 'home_ac' &&
        c.din !== null &&
        dins.has(c.din) &&
        c.unpluggedAt !== null &&
        c.firstPowerAt !== null &&
        c.firstPowerAt >= start &&
        c.firstPowerAt < end,
    )
    .map((c) => ({
      charge_start_time: { seconds: Math.floor((c.firstPowerAt ?? 0) / 1000) },
      charge_duration: { seconds: Math.round(((c.lastPowerAt ?? 0) - (c.firstPowerAt ?? 0)) / 1000) },
      energy_added_wh: Math.round(c.energyFromWallKwh * 1000),
    }));
  const key = ctx.sim.api.wallConnectorHistoryKey;
  return ok(key === 'time_series' ? { period: 'custom', time_series: sessions } : { charge_history: sessions });
}
