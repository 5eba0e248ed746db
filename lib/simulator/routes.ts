import type { FleetScope } from '@/lib/fleet-api/schemas/auth';
import type { RequestContext } from './context';
import { getChargingHistory } from './handlers/charging-history';
import { getCalendarHistory, getLiveStatus, getSiteInfo, getTelemetryHistory } from './handlers/energy';
import { authorize, token } from './handlers/oauth';
import { me, partnerPublicKey, region, registerPartner } from './handlers/users';
import { getVehicle, listVehicles, products, vehicleData, wakeUp } from './handlers/vehicles';

/**
 * Route table. `auth`: none, a user (third-party) token, or a partner token. `regionBound` routes
 * answer 421 on another region's host. `scope` is required in the token's `scp`.
 */
export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  keys: string[];
  auth: 'none' | 'user' | 'partner';
  regionBound: boolean;
  scope?: FleetScope;
  handler: (ctx: RequestContext) => Response | Promise<Response>;
}

const route = (
  method: Route['method'],
  path: string,
  auth: Route['auth'],
  handler: Route['handler'],
  opts: { scope?: FleetScope; regionBound?: boolean } = {},
): Route => {
  const keys: string[] = [];
  const pattern = new RegExp(
    `^${path.replace(/:(\w+)/g, (_m, k: string) => {
      keys.push(k);
      return '([^/]+)';
    })}/?$`,
  );
  return {
    method,
    pattern,
    keys,
    auth,
    handler,
    regionBound: opts.regionBound ?? auth === 'user',
    ...(opts.scope ? { scope: opts.scope } : {}),
  };
};

export const ROUTES: Route[] = [
  route('GET', '/status', 'none', () => new Response('ok', { headers: { 'content-type': 'text/plain' } })),
  route('GET', '/oauth2/v3/authorize', 'none', authorize),
  route('POST', '/oauth2/v3/token', 'none', token),
  route('POST', '/api/1/partner_accounts', 'partner', registerPartner),
  route('GET', '/api/1/partner_accounts/public_key', 'partner', partnerPublicKey),
  route('GET', '/api/1/users/me', 'user', me, { scope: 'user_data' }),
  route('GET', '/api/1/users/region', 'user', region, { regionBound: false }),
  route('GET', '/api/1/products', 'user', products),
  route('GET', '/api/1/vehicles', 'user', listVehicles),
  route('GET', '/api/1/vehicles/:vin', 'user', getVehicle),
  route('GET', '/api/1/vehicles/:vin/vehicle_data', 'user', vehicleData, { scope: 'vehicle_device_data' }),
  route('POST', '/api/1/vehicles/:vin/wake_up', 'user', wakeUp, { scope: 'vehicle_cmds' }),
  route('GET', '/api/1/energy_sites/:id/live_status', 'user', getLiveStatus, { scope: 'energy_device_data' }),
  route('GET', '/api/1/energy_sites/:id/site_info', 'user', getSiteInfo, { scope: 'energy_device_data' }),
  route('GET', '/api/1/energy_sites/:id/calendar_history', 'user', getCalendarHistory, { scope: 'energy_device_data' }),
  route('GET', '/api/1/energy_sites/:id/telemetry_history', 'user', getTelemetryHistory, { scope: 'energy_device_data' }),
  route('GET', '/api/1/dx/charging/history', 'user', getChargingHistory, { scope: 'vehicle_charging_cmds' }),
];

export function matchRoute(method: string, pathname: string): { route: Route; params: Record<string, string> } | 'method' | null {
  let methodMismatch = false;
  for (const r of ROUTES) {
    const m = r.pattern.exec(pathname);
    if (!m) continue;
    if (r.method !== method.toUpperCase()) {
      methodMismatch = true;
      continue;
    }
    const params = Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1] ?? '')]));
    return { route: r, params };
  }
  return methodMismatch ? 'method' : null;
}
