import 'server-only';
import { z } from 'zod';
import {
  VehicleDataResponseSchema,
  VehicleDataSchema,
  VehicleListResponseSchema,
  VehicleResponseSchema,
  VehicleSummarySchema,
  WakeUpResponseSchema,
  fleetPaths,
  type VehicleData,
  type VehicleDataEndpoint,
} from '@/lib/fleet-api';
import { log } from '@/lib/log';
import { rememberLocationRefused } from './account-store';
import { cacheKey, type CacheEntry } from './cache';
import type { TeslaContext } from './context';
import { TeslaMissingScopeError, VehicleAsleepError } from './errors';
import { toVehicle, toVehicleSnapshot } from './transform';
import type { Vehicle, VehicleDataResult } from './types';

/**
 * Vehicle endpoints. Cost rules (reference §3.1–3.5): the state check (`GET /vehicles/{vin}`) is
 * free and never wakes the car; `vehicle_data` (Data, $1/500) is only called when that check says
 * `online`; `wake_up` (Wakes, $1/50) only on explicit request, capped per vehicle per 24 hours.
 * `location_data` is asked only when the token grants `vehicle_location`: without it Tesla refuses
 * the whole call (403), not just the coordinates (Home Assistant core issue 154536).
 */
export const DEFAULT_VEHICLE_ENDPOINTS: readonly VehicleDataEndpoint[] = [
  'charge_state',
  'climate_state',
  'drive_state',
  'gui_settings',
  'location_data',
  'vehicle_config',
  'vehicle_state',
];

const T = {
  vehicle: '/api/1/vehicles/{vin}',
  vehicleData: '/api/1/vehicles/{vin}/vehicle_data',
  wakeUp: '/api/1/vehicles/{vin}/wake_up',
};

/**
 * Whether a "missing scopes" refusal of a call that asked `location_data` is about location: Tesla
 * names `vehicle_location`, or names nothing while the token is believed to grant vehicle data.
 */
function refusesLocation(err: TeslaMissingScopeError, scopes: string[] | null): boolean {
  if (err.scopes.length > 0) return err.scopes.includes('vehicle_location');
  return scopes === null || scopes.includes('vehicle_device_data');
}

export function vehicleApi({ db, fleet, cache, clock, tokens }: TeslaContext) {
  const stateKey = (vin: string) => cacheKey('vehicle', vin);

  async function summary(vin: string) {
    const { value } = await cache.readThrough(stateKey(vin), VehicleSummarySchema, () =>
      fleet.send({ method: 'GET', path: fleetPaths.vehicle(vin), template: T.vehicle, schema: VehicleResponseSchema, target: vin }),
    );
    return value;
  }

  async function forgetLocation(): Promise<void> {
    await rememberLocationRefused(db, new Date(clock.now()));
    tokens.forget();
    log.warn(
      'Tesla refused location_data (the vehicle_location scope is missing): vehicle data is read without location until the account is connected again',
    );
  }

  function notOnline(status: 'asleep' | 'offline', stale: CacheEntry<VehicleData> | undefined): VehicleDataResult {
    return stale
      ? { status, source: 'stale-cache', fetchedAt: stale.fetchedAt, snapshot: toVehicleSnapshot(stale.payload), raw: stale.payload }
      : { status, source: 'none', fetchedAt: null, snapshot: null, raw: null };
  }

  return {
    /** Vehicles on the account (free; cached for the TTL). */
    async getVehicles(): Promise<Vehicle[]> {
      const { value } = await cache.readThrough(cacheKey('vehicles'), z.array(VehicleSummarySchema), () =>
        fleet.send({ method: 'GET', path: fleetPaths.vehicles(), template: fleetPaths.vehicles(), schema: VehicleListResponseSchema }),
      );
      return value.map(toVehicle);
    },

    /** Free state check: online | asleep | offline. Never wakes the car. */
    async getVehicle(vin: string): Promise<Vehicle> {
      return toVehicle(await summary(vin));
    },

    /**
     * Live data for the requested sub-objects (the cache key includes the sorted endpoint set).
     * `location_data` is dropped when the token's scopes lack `vehicle_location`; when Tesla refuses
     * it anyway (403 missing scopes), the call is made once more without it and the refusal is
     * stored, so no process asks for it again until the account is connected again.
     * Order: fresh cache entry → free state check → `vehicle_data` only if online. An asleep or
     * offline car returns `{status: 'asleep' | 'offline'}` with the last snapshot if one is cached;
     * it is never woken. `essential` lets the call through after the monthly budget is spent.
     * `checkedOnline`: the caller's own state check (the vehicle list of this same sync run) said
     * `online` moments ago, so the second check is skipped; if the car fell asleep in between,
     * Tesla answers 408 and the result is `asleep`, as with the check.
     */
    async getVehicleData(
      vin: string,
      endpoints: readonly VehicleDataEndpoint[] = DEFAULT_VEHICLE_ENDPOINTS,
      opts: { essential?: boolean; checkedOnline?: boolean } = {},
    ): Promise<VehicleDataResult> {
      const scopes = await tokens.scopes();
      const located = scopes === null || scopes.includes('vehicle_location');
      let set = [...new Set(endpoints)].filter((e) => located || e !== 'location_data').sort();
      const keyOf = (s: readonly string[]) => cacheKey('vehicle_data', vin, s.join(','));
      const hit = await cache.getFresh(keyOf(set), VehicleDataSchema);
      if (hit)
        return { status: 'online', source: 'cache', fetchedAt: hit.fetchedAt, snapshot: toVehicleSnapshot(hit.payload), raw: hit.payload };
      const state = opts.checkedOnline ? 'online' : (await summary(vin)).state;
      if (state !== 'online') return notOnline(state, await cache.getStale(keyOf(set), VehicleDataSchema));
      const read = async (s: readonly string[]): Promise<VehicleDataResult> => {
        const raw = await fleet.send({
          method: 'GET',
          path: fleetPaths.vehicleData(vin),
          template: T.vehicleData,
          query: { endpoints: s.join(';') },
          schema: VehicleDataResponseSchema,
          target: vin,
          essential: opts.essential,
        });
        await cache.put(keyOf(s), raw);
        return { status: 'online', source: 'live', fetchedAt: new Date(clock.now()), snapshot: toVehicleSnapshot(raw), raw };
      };
      try {
        try {
          return await read(set);
        } catch (err) {
          if (!(err instanceof TeslaMissingScopeError && set.includes('location_data') && refusesLocation(err, scopes))) throw err;
          // Refused whole for want of vehicle_location: once more without location_data, and never again with it.
          set = set.filter((e) => e !== 'location_data');
          const named = err.scopes.includes('vehicle_location');
          if (named) await forgetLocation();
          const result = await read(set);
          if (!named) await forgetLocation();
          return result;
        }
      } catch (err) {
        if (!(err instanceof VehicleAsleepError)) throw err;
        await cache.invalidate(stateKey(vin)); // the cached "online" was wrong: check again next time
        return notOnline('asleep', await cache.getStale(keyOf(set), VehicleDataSchema));
      }
    },

    /**
     * Sends one `wake_up` (explicit user action only; never retried). Refused without a call once
     * TESLA_MAX_WAKES_PER_DAY wakes were sent for this VIN in the last 24 h (TeslaWakeLimitError)
     * or the budget is spent (TeslaBudgetExceededError, unless `essential`). The car usually
     * reports `asleep` still; it comes online 10–60 s later.
     */
    async wakeVehicle(vin: string, opts: { essential?: boolean } = {}): Promise<Vehicle> {
      const raw = await fleet.send({
        method: 'POST',
        path: fleetPaths.wakeUp(vin),
        template: T.wakeUp,
        schema: WakeUpResponseSchema,
        target: vin,
        retry: false,
        essential: opts.essential,
      });
      await cache.invalidate(stateKey(vin));
      return toVehicle(raw);
    },
  };
}
