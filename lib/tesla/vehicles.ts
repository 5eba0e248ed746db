import 'server-only';
import { z } from 'zod';
import { RawEnvelopeSchema, VehicleDataSchema, VehicleSummarySchema, fleetPaths, type VehicleDataEndpoint } from '@/lib/fleet-api';
import { log } from '@/lib/log';
import { rememberLocationRefused } from './account-store';
import { cacheKey, type CacheEntry } from './cache';
import type { TeslaContext } from './context';
import { TeslaApiError, TeslaMissingScopeError, VehicleAsleepError } from './errors';
import { toVehicle, toVehicleSnapshot } from './transform';
import type { Vehicle, VehicleDataResult, VehicleSnapshot } from './types';
import { readTesla, reportUnreadable } from './unreadable';

/**
 * Vehicle endpoints. Cost rules (reference §3.1–3.5): the state check (`GET /vehicles/{vin}`) is
 * free and never wakes the car; `vehicle_data` (Data, $1/500) is only called when that check says
 * `online`; `wake_up` (Wakes, $1/50) only on explicit request, capped per vehicle per 24 hours.
 * Answers are cached and returned (`raw`) exactly as Tesla sent them, and read field by field
 * (lib/tesla/unreadable.ts): an unreadable field is null, a vehicle without a VIN is left out.
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

/** Cache entries hold Tesla's answer as sent; it is read field by field on use. */
const AsSent = z.unknown();

const invalid = (what: string) =>
  new TeslaApiError(`Tesla sent a ${what} answer the app cannot read at all.`, 200, 'tesla_invalid_payload');

/** One vehicle object (state check, wake): the VIN asked for stands in when the answer lacks it. */
function oneVehicle(payload: unknown, vin: string, report: boolean, what: string): Vehicle {
  const raw = readTesla(what, VehicleSummarySchema, payload, report);
  if (!raw) throw invalid(what);
  return toVehicle(raw, { vin });
}

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

  async function summary(vin: string): Promise<Vehicle> {
    const { value, source } = await cache.readThrough(stateKey(vin), AsSent, () =>
      fleet.send({ method: 'GET', path: fleetPaths.vehicle(vin), template: T.vehicle, schema: RawEnvelopeSchema, target: vin }),
    );
    return oneVehicle(value, vin, source === 'live', 'vehicle');
  }

  /** A vehicle_data answer as a snapshot (null: not an object at all). */
  function snapshotOf(vin: string, payload: unknown, at: Date, report: boolean): VehicleSnapshot | null {
    const data = readTesla('vehicle_data', VehicleDataSchema, payload, report);
    return data ? toVehicleSnapshot(data, { vin, at }) : null;
  }

  async function forgetLocation(): Promise<void> {
    await rememberLocationRefused(db, new Date(clock.now()));
    tokens.forget();
    log.warn(
      'Tesla refused location_data (the vehicle_location scope is missing): vehicle data is read without location until the account is connected again',
    );
  }

  function notOnline(vin: string, status: 'asleep' | 'offline', stale: CacheEntry<unknown> | undefined): VehicleDataResult {
    const snapshot = stale ? snapshotOf(vin, stale.payload, stale.fetchedAt, false) : null;
    return stale && snapshot
      ? { status, source: 'stale-cache', fetchedAt: stale.fetchedAt, snapshot, raw: stale.payload }
      : { status, source: 'none', fetchedAt: null, snapshot: null, raw: null };
  }

  return {
    /**
     * Vehicles on the account (free; cached for the TTL). One unusable entry (no VIN or id) is left
     * out and reported; the others are kept.
     */
    async getVehicles(): Promise<Vehicle[]> {
      const { value, source } = await cache.readThrough(cacheKey('vehicles'), AsSent, () =>
        fleet.send({ method: 'GET', path: fleetPaths.vehicles(), template: fleetPaths.vehicles(), schema: RawEnvelopeSchema }),
      );
      const list = readTesla('vehicles', z.array(VehicleSummarySchema), value, source === 'live');
      if (!list) throw invalid('vehicles');
      const read = list.map((v) => toVehicle(v));
      if (source === 'live') reportUnreadable(read.filter((v) => v === null).map(() => ({ path: 'vehicles[]', kind: 'dropped' as const })));
      return read.filter((v): v is Vehicle => v !== null);
    },

    /** Free state check: online | asleep | offline (an unreadable state reads as offline). Never wakes the car. */
    async getVehicle(vin: string): Promise<Vehicle> {
      return summary(vin);
    },

    /**
     * Live data for the requested sub-objects (the cache key includes the sorted endpoint set).
     * Order: fresh cache entry → free state check → `vehicle_data` only if online. An asleep or
     * offline car returns `{status: 'asleep' | 'offline'}` with the last snapshot if one is cached;
     * it is never woken. `essential` lets the call through after the monthly budget is spent.
     * `checkedOnline`: the caller's own state check (the vehicle list of this same sync run) said
     * `online` moments ago, so the second check is skipped; if the car fell asleep in between,
     * Tesla answers 408 and the result is `asleep`, as with the check.
     * `location_data` is dropped when the token's scopes lack `vehicle_location`; when Tesla refuses
     * it anyway (403 missing scopes), the call is made once more without it and the refusal is
     * stored, so no process asks for it again until the account is connected again.
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
      const hit = await cache.getFresh(keyOf(set), AsSent);
      const cached = hit ? snapshotOf(vin, hit.payload, hit.fetchedAt, false) : null;
      if (hit && cached) return { status: 'online', source: 'cache', fetchedAt: hit.fetchedAt, snapshot: cached, raw: hit.payload };
      const state = opts.checkedOnline ? 'online' : (await summary(vin)).state;
      if (state !== 'online') return notOnline(vin, state, await cache.getStale(keyOf(set), AsSent));
      const read = async (s: readonly string[]): Promise<VehicleDataResult> => {
        const raw = await fleet.send({
          method: 'GET',
          path: fleetPaths.vehicleData(vin),
          template: T.vehicleData,
          query: { endpoints: s.join(';') },
          schema: RawEnvelopeSchema,
          target: vin,
          essential: opts.essential,
        });
        const fetchedAt = new Date(clock.now());
        const snapshot = snapshotOf(vin, raw, fetchedAt, true);
        if (!snapshot) throw invalid('vehicle_data');
        await cache.put(keyOf(s), raw);
        return { status: 'online', source: 'live', fetchedAt, snapshot, raw };
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
        return notOnline(vin, 'asleep', await cache.getStale(keyOf(set), AsSent));
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
        schema: RawEnvelopeSchema,
        target: vin,
        retry: false,
        essential: opts.essential,
      });
      await cache.invalidate(stateKey(vin));
      return oneVehicle(raw, vin, true, 'wake_up');
    },
  };
}
