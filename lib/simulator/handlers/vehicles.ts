import { LOCATION_SCOPE_REFUSAL } from '@/lib/fleet-api/refusals';
import { findVehicle, type RequestContext } from '../context';
import { fleetError, jsonResponse, ok } from '../http';
import { applyPendingWake, requestWake, touch } from '../vehicle/connectivity';
import { parseEndpoints, vehicleDataBody } from '../views/vehicle-data-view';
import { apiState, vehicleProduct, vehicleSummary } from '../views/vehicle-view';
import { energyProduct } from '../views/energy-view';

/** Vehicle routes (§3). State checks never touch the car; vehicle_data needs it online. */
const UNAVAILABLE = 'vehicle unavailable: vehicle is offline or asleep';

function vehicleOr404(ctx: RequestContext) {
  const v = findVehicle(ctx.sim, ctx.params.vin ?? '');
  if (v) applyPendingWake(v, ctx.now);
  return v;
}

/** GET /api/1/vehicles?page&per_page */
export function listVehicles(ctx: RequestContext): Response {
  const all = ctx.sim.world.vehicles;
  const perPage = Math.max(1, Number(ctx.url.searchParams.get('per_page') ?? 100) || 100);
  const page = Math.max(1, Number(ctx.url.searchParams.get('page') ?? 1) || 1);
  const pages = Math.max(1, Math.ceil(all.length / perPage));
  for (const v of all) applyPendingWake(v, ctx.now);
  const items = all.slice((page - 1) * perPage, page * perPage).map((v) => vehicleSummary(ctx.sim, v));
  return ok(items, {
    pagination: {
      previous: page > 1 ? page - 1 : null,
      next: page < pages ? page + 1 : null,
      current: page,
      per_page: perPage,
      count: all.length,
      pages,
    },
    count: all.length,
  });
}

/** GET /api/1/vehicles/{vin} — free state check. */
export function getVehicle(ctx: RequestContext): Response {
  const v = vehicleOr404(ctx);
  return v ? ok(vehicleSummary(ctx.sim, v)) : fleetError(404, 'not_found', '');
}

/** POST /api/1/vehicles/{vin}/wake_up — answers at once with the (usually still asleep) vehicle. */
export function wakeUp(ctx: RequestContext): Response {
  const v = vehicleOr404(ctx);
  if (!v) return fleetError(404, 'not_found', '');
  requestWake(v, ctx.now, Math.round(ctx.sim.apiRng.float(10_000, 60_000)));
  return ok(vehicleSummary(ctx.sim, v));
}

/**
 * GET /api/1/vehicles/{vin}/vehicle_data?endpoints=… — 408 unless online; resets the sleep timer.
 * `location_data` without the `vehicle_location` scope is refused whole (403, before the car is
 * asked), unless the `omit` option answers without coordinates instead.
 */
export function vehicleData(ctx: RequestContext): Response {
  const v = vehicleOr404(ctx);
  if (!v) return fleetError(404, 'not_found', '');
  const endpoints = parseEndpoints(ctx.url.searchParams.get('endpoints'));
  const scopes = ctx.grant?.scopes ?? [];
  if (endpoints.has('location_data') && !scopes.includes('vehicle_location') && ctx.sim.api.locationDataWithoutScope === 'refuse') {
    return jsonResponse(403, { response: null, error: LOCATION_SCOPE_REFUSAL, error_description: '', txid: ctx.sim.apiRng.hex(32) });
  }
  if (apiState(ctx.sim, v) !== 'online') return fleetError(ctx.sim.api.asleepStatus, UNAVAILABLE, '');
  touch(v, ctx.now);
  return ok(vehicleDataBody(ctx.sim, v, ctx.now, endpoints, scopes));
}

/** GET /api/1/products — vehicles and the energy sites (another site, when there is one, before the home's). */
export function products(ctx: RequestContext): Response {
  for (const v of ctx.sim.world.vehicles) applyPendingWake(v, ctx.now);
  const sites = [...ctx.sim.world.otherSites, ctx.sim.world.site];
  const items = [...ctx.sim.world.vehicles.map((v) => vehicleProduct(ctx.sim, v, ctx.now)), ...sites.map(energyProduct)];
  return ok(items, { count: items.length });
}
