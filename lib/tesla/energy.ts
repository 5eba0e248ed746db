import 'server-only';
import { z } from 'zod';
import {
  ChargingHistorySchema,
  EnergyHistorySchema,
  LiveStatusSchema,
  ProductSchema,
  RawChargingHistoryEnvelopeSchema,
  RawEnvelopeSchema,
  SiteInfoSchema,
  WallConnectorHistorySchema,
  fleetPaths,
} from '@/lib/fleet-api';
import { cacheKey } from './cache';
import type { TeslaContext } from './context';
import { TeslaApiError } from './errors';
import { toEnergyHistory, toEnergySites, toSiteInfo, toSiteLiveData, toSuperchargerPage, toWallConnectorSessions } from './transform';
import type {
  EnergyHistory,
  EnergyPeriod,
  EnergySite,
  HistoryRange,
  SiteInfo,
  SiteLiveData,
  SuperchargerSession,
  WallConnectorSession,
} from './types';
import { readTesla, reportUnreadable } from './unreadable';

/**
 * Energy endpoints (reference §4) and Supercharger history (§3.7). Power W, energy Wh, Tesla's signs.
 * Every read goes through the api_cache TTL; calendar_history of a range that ended more than
 * `historySettleMs` ago is cached permanently (a closed period never changes). Answers are cached
 * as Tesla sent them and read field by field (lib/tesla/unreadable.ts): an unreadable field is
 * null, an entry the app cannot use (a site without its id, a bucket without its time) is left
 * out and reported, and the rest is used.
 */
const T = {
  liveStatus: '/api/1/energy_sites/{id}/live_status',
  siteInfo: '/api/1/energy_sites/{id}/site_info',
  calendarHistory: '/api/1/energy_sites/{id}/calendar_history',
  telemetryHistory: '/api/1/energy_sites/{id}/telemetry_history',
};

/** RFC 3339 for Tesla: strings (with their site-local offset) pass through, Dates go out in UTC. */
const rfc3339 = (v: Date | string) => (typeof v === 'string' ? v : v.toISOString());

/** Cache entries hold Tesla's answer as sent; it is read field by field on use. */
const AsSent = z.unknown();

/** Reads an answer (reporting it when it came from Tesla now); an answer with nothing readable at all is an error. */
function read<S extends z.ZodType>(what: string, schema: S, payload: unknown, source: 'cache' | 'live') {
  const value = readTesla(what, schema, payload, source === 'live');
  if (!value) throw new TeslaApiError(`Tesla sent a ${what} answer the app cannot read at all.`, 200, 'tesla_invalid_payload');
  return value;
}

/** Reports `count` entries of `path` left out (only for answers that came from Tesla now). */
function dropped(path: string, count: number, source: 'cache' | 'live'): void {
  if (source === 'live' && count > 0) reportUnreadable(Array.from({ length: count }, () => ({ path, kind: 'dropped' as const })));
}

export function energyApi({ fleet, cache, clock, cfg }: TeslaContext) {
  return {
    /**
     * Energy sites of the account (from /products, free). Every entry is read on its own: one the
     * app cannot use is left out and reported, never the others. Sites with no battery, solar or
     * Wall Connector are skipped.
     */
    async getEnergySites(): Promise<EnergySite[]> {
      const { value, source } = await cache.readThrough(cacheKey('products'), AsSent, () =>
        fleet.send({ method: 'GET', path: fleetPaths.products(), template: fleetPaths.products(), schema: RawEnvelopeSchema }),
      );
      const { sites, unusable } = toEnergySites(read('products', z.array(ProductSchema), value, source));
      dropped('products[]', unusable, source);
      return sites;
    },

    async getSiteInfo(siteId: string): Promise<SiteInfo> {
      const { value, source } = await cache.readThrough(cacheKey('site_info', siteId), AsSent, () =>
        fleet.send({ method: 'GET', path: fleetPaths.siteInfo(siteId), template: T.siteInfo, schema: RawEnvelopeSchema, target: siteId }),
      );
      return toSiteInfo(read('site_info', SiteInfoSchema, value, source));
    },

    /**
     * live_status: solar, battery (> 0 discharging), grid (> 0 importing), load in W. `raw` is the
     * answer as Tesla sent it (kept with the stored reading).
     */
    async getSiteLiveData(siteId: string): Promise<SiteLiveData & { raw: unknown }> {
      const { value, source, fetchedAt } = await cache.readThrough(cacheKey('live_status', siteId), AsSent, () =>
        fleet.send({
          method: 'GET',
          path: fleetPaths.liveStatus(siteId),
          template: T.liveStatus,
          schema: RawEnvelopeSchema,
          target: siteId,
        }),
      );
      return { ...toSiteLiveData(read('live_status', LiveStatusSchema, value, source), fetchedAt), raw: value };
    },

    /** calendar_history?kind=energy buckets (Wh each) for `period` over `range`. */
    async getSiteHistory(siteId: string, period: EnergyPeriod, range: HistoryRange): Promise<EnergyHistory> {
      const start = rfc3339(range.start);
      const end = rfc3339(range.end);
      const closed = Date.parse(end) + cfg.historySettleMs <= clock.now();
      const key = cacheKey('calendar_history', siteId, 'energy', period, start, end, range.timeZone ?? '');
      const { value, source } = await cache.readThrough(
        key,
        AsSent,
        () =>
          fleet.send({
            method: 'GET',
            path: fleetPaths.calendarHistory(siteId),
            template: T.calendarHistory,
            query: { kind: 'energy', period, start_date: start, end_date: end, time_zone: range.timeZone },
            schema: RawEnvelopeSchema,
            target: siteId,
          }),
        closed ? 'permanent' : 'default',
      );
      const { unusable, ...history } = toEnergyHistory(read('calendar_history', EnergyHistorySchema, value, source));
      dropped('calendar_history.time_series[]', unusable, source);
      return history;
    },

    /** telemetry_history?kind=charge: finished Wall Connector sessions in the range (Wh). */
    async getWallConnectorChargeHistory(siteId: string, range: HistoryRange): Promise<WallConnectorSession[]> {
      const start = rfc3339(range.start);
      const end = rfc3339(range.end);
      const key = cacheKey('telemetry_history', siteId, 'charge', start, end, range.timeZone ?? '');
      const { value, source } = await cache.readThrough(key, AsSent, () =>
        fleet.send({
          method: 'GET',
          path: fleetPaths.telemetryHistory(siteId),
          template: T.telemetryHistory,
          query: { kind: 'charge', start_date: start, end_date: end, time_zone: range.timeZone },
          schema: RawEnvelopeSchema,
          target: siteId,
        }),
      );
      const { sessions, unusable } = toWallConnectorSessions(read('telemetry_history', WallConnectorHistorySchema, value, source));
      dropped('telemetry_history.sessions[]', unusable, source);
      return sessions;
    },

    /**
     * One page of Supercharger sessions with fees (scope vehicle_charging_cmds). Priced like Data
     * (Tesla does not say). The page comes wrapped in `response` or, as the live payload does, at
     * the top level (RawChargingHistoryEnvelopeSchema). `entries`: how many the page held (paging
     * counts them against `totalResults`; lib/sync/supercharger-history.ts reads every page).
     */
    async getSuperchargerHistory(
      opts: { vin?: string; start?: Date | string; end?: Date | string; pageNo?: number; pageSize?: number } = {},
    ): Promise<{ sessions: SuperchargerSession[]; totalResults: number | null; entries: number }> {
      const query = {
        vin: opts.vin,
        startTime: opts.start === undefined ? undefined : rfc3339(opts.start),
        endTime: opts.end === undefined ? undefined : rfc3339(opts.end),
        pageNo: opts.pageNo === undefined ? undefined : String(opts.pageNo),
        pageSize: opts.pageSize === undefined ? undefined : String(opts.pageSize),
      };
      const key = cacheKey('charging_history', ...Object.values(query).map((v) => v ?? ''));
      const { value, source } = await cache.readThrough(key, AsSent, () =>
        fleet.send({
          method: 'GET',
          path: fleetPaths.chargingHistory(),
          template: fleetPaths.chargingHistory(),
          query,
          schema: RawChargingHistoryEnvelopeSchema,
          target: opts.vin,
        }),
      );
      const { unusable, ...page } = toSuperchargerPage(read('charging_history', ChargingHistorySchema, value, source));
      dropped('charging_history.data[]', unusable, source);
      return page;
    },
  };
}
