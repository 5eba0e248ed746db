import 'server-only';
import { z } from 'zod';
import {
  ChargingHistoryResponseSchema,
  ChargingSessionSchema,
  EnergyHistoryResponseSchema,
  EnergyHistorySchema,
  LiveStatusResponseSchema,
  LiveStatusSchema,
  ProductSchema,
  ProductsResponseSchema,
  SiteInfoResponseSchema,
  SiteInfoSchema,
  WallConnectorHistoryResponseSchema,
  WallConnectorHistorySchema,
  fleetPaths,
} from '@/lib/fleet-api';
import { cacheKey } from './cache';
import type { TeslaContext } from './context';
import { toEnergyHistory, toEnergySites, toSiteInfo, toSiteLiveData, toSuperchargerSession, toWallConnectorSessions } from './transform';
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

/**
 * Energy endpoints (reference §4) and Supercharger history (§3.7). Power W, energy Wh, Tesla's signs.
 * Every read goes through the api_cache TTL; calendar_history of a range that ended more than
 * `historySettleMs` ago is cached permanently (a closed period never changes).
 */
const T = {
  liveStatus: '/api/1/energy_sites/{id}/live_status',
  siteInfo: '/api/1/energy_sites/{id}/site_info',
  calendarHistory: '/api/1/energy_sites/{id}/calendar_history',
  telemetryHistory: '/api/1/energy_sites/{id}/telemetry_history',
};

/** RFC 3339 for Tesla: strings (with their site-local offset) pass through, Dates go out in UTC. */
const rfc3339 = (v: Date | string) => (typeof v === 'string' ? v : v.toISOString());

export function energyApi({ fleet, cache, clock, cfg }: TeslaContext) {
  return {
    /** Energy sites of the account (from /products, free). Sites with no battery, solar or Wall Connector are skipped. */
    async getEnergySites(): Promise<EnergySite[]> {
      const { value } = await cache.readThrough(cacheKey('products'), z.array(ProductSchema), () =>
        fleet.send({ method: 'GET', path: fleetPaths.products(), template: fleetPaths.products(), schema: ProductsResponseSchema }),
      );
      return toEnergySites(value);
    },

    async getSiteInfo(siteId: string): Promise<SiteInfo> {
      const { value } = await cache.readThrough(cacheKey('site_info', siteId), SiteInfoSchema, () =>
        fleet.send({
          method: 'GET',
          path: fleetPaths.siteInfo(siteId),
          template: T.siteInfo,
          schema: SiteInfoResponseSchema,
          target: siteId,
        }),
      );
      return toSiteInfo(value);
    },

    /** live_status: solar, battery (> 0 discharging), grid (> 0 importing), load in W. */
    async getSiteLiveData(siteId: string): Promise<SiteLiveData> {
      const { value } = await cache.readThrough(cacheKey('live_status', siteId), LiveStatusSchema, () =>
        fleet.send({
          method: 'GET',
          path: fleetPaths.liveStatus(siteId),
          template: T.liveStatus,
          schema: LiveStatusResponseSchema,
          target: siteId,
        }),
      );
      return toSiteLiveData(value);
    },

    /** calendar_history?kind=energy buckets (Wh each) for `period` over `range`. */
    async getSiteHistory(siteId: string, period: EnergyPeriod, range: HistoryRange): Promise<EnergyHistory> {
      const start = rfc3339(range.start);
      const end = rfc3339(range.end);
      const closed = Date.parse(end) + cfg.historySettleMs <= clock.now();
      const key = cacheKey('calendar_history', siteId, 'energy', period, start, end, range.timeZone ?? '');
      const { value } = await cache.readThrough(
        key,
        EnergyHistorySchema,
        () =>
          fleet.send({
            method: 'GET',
            path: fleetPaths.calendarHistory(siteId),
            template: T.calendarHistory,
            query: { kind: 'energy', period, start_date: start, end_date: end, time_zone: range.timeZone },
            schema: EnergyHistoryResponseSchema,
            target: siteId,
          }),
        closed ? 'permanent' : 'default',
      );
      return toEnergyHistory(value);
    },

    /** telemetry_history?kind=charge: finished Wall Connector sessions in the range (Wh). */
    async getWallConnectorChargeHistory(siteId: string, range: HistoryRange): Promise<WallConnectorSession[]> {
      const start = rfc3339(range.start);
      const end = rfc3339(range.end);
      const key = cacheKey('telemetry_history', siteId, 'charge', start, end, range.timeZone ?? '');
      const { value } = await cache.readThrough(key, WallConnectorHistorySchema, () =>
        fleet.send({
          method: 'GET',
          path: fleetPaths.telemetryHistory(siteId),
          template: T.telemetryHistory,
          query: { kind: 'charge', start_date: start, end_date: end, time_zone: range.timeZone },
          schema: WallConnectorHistoryResponseSchema,
          target: siteId,
        }),
      );
      return toWallConnectorSessions(value);
    },

    /** Supercharger sessions with fees (scope vehicle_charging_cmds). Priced like Data (Tesla does not say). */
    async getSuperchargerHistory(
      opts: { vin?: string; start?: Date | string; end?: Date | string; pageNo?: number; pageSize?: number } = {},
    ): Promise<{ sessions: SuperchargerSession[]; totalResults: number | null }> {
      const query = {
        vin: opts.vin,
        startTime: opts.start === undefined ? undefined : rfc3339(opts.start),
        endTime: opts.end === undefined ? undefined : rfc3339(opts.end),
        pageNo: opts.pageNo === undefined ? undefined : String(opts.pageNo),
        pageSize: opts.pageSize === undefined ? undefined : String(opts.pageSize),
      };
      const key = cacheKey('charging_history', ...Object.values(query).map((v) => v ?? ''));
      const schema = z.object({ data: z.array(ChargingSessionSchema), totalResults: z.number().int().optional() });
      const { value } = await cache.readThrough(key, schema, () =>
        fleet.send({
          method: 'GET',
          path: fleetPaths.chargingHistory(),
          template: fleetPaths.chargingHistory(),
          query,
          schema: ChargingHistoryResponseSchema,
          target: opts.vin,
        }),
      );
      return { sessions: value.data.map(toSuperchargerSession), totalResults: value.totalResults ?? null };
    },
  };
}
