/**
 * How Tesla bills Fleet API calls (reference §5.4). Every response with status < 500 is billable,
 * 4xx included (408 asleep, 429 rate limited); 5xx and authentication calls are not.
 *
 * [U] (§9.7) State checks (`/vehicles`, `/vehicles/{vin}`, `/products`, `/users/*`) and energy
 * endpoints are believed free (HA, TeslaFi) but Tesla's text does not confirm it, so they have their
 * own categories with a configurable price, 0 by default. The Supercharger history category is not
 * stated either; it defaults to the Data price (conservative).
 */
export const BILLING_CATEGORIES = ['data', 'command', 'wake', 'state', 'energy', 'charging', 'partner', 'auth'] as const;
export type BillingCategory = (typeof BILLING_CATEGORIES)[number];

export type BillingPrices = Record<BillingCategory, number>;

/** USD per billable request. Data $1/500, Commands $1/1,000, Wakes $1/50. */
export const DEFAULT_PRICES_USD: BillingPrices = {
  data: 0.002,
  command: 0.001,
  wake: 0.02,
  state: 0,
  energy: 0,
  charging: 0.002,
  partner: 0,
  auth: 0,
};

/** Fleet Telemetry streaming signals: $1 per 150,000 (not served by the simulator). */
export const STREAMING_SIGNAL_PRICE_USD = 1 / 150_000;
/** Monthly discount per account (may be withdrawn, §9.8). */
export const MONTHLY_DISCOUNT_USD = 10;

/** Whether Tesla bills a response with this status. */
export function isBillableStatus(status: number): boolean {
  return status < 500;
}

/** Endpoint name + billing category of a request, from method and pathname (query ignored). */
export function classifyRequest(method: string, pathname: string): { endpoint: string; category: BillingCategory } {
  const p = pathname.replace(/\/+$/, '');
  // Health check and authentication endpoints are never billed.
  if (p === '/status') return { endpoint: 'status', category: 'auth' };
  if (p.startsWith('/oauth2/')) return { endpoint: p.slice('/oauth2/v3/'.length) || 'oauth', category: 'auth' };
  if (p === '/api/1/partner_accounts') return { endpoint: 'partner_accounts', category: 'partner' };
  if (p.startsWith('/api/1/partner_accounts/')) return { endpoint: p.slice(7), category: 'partner' };
  if (p === '/api/1/users/me' || p === '/api/1/users/region') return { endpoint: p.slice(7), category: 'state' };
  if (p === '/api/1/products') return { endpoint: 'products', category: 'state' };
  if (p === '/api/1/vehicles') return { endpoint: 'vehicles', category: 'state' };
  if (p.startsWith('/api/1/dx/charging/')) return { endpoint: 'dx/charging/history', category: 'charging' };
  const v = /^\/api\/1\/vehicles\/[^/]+(?:\/(.+))?$/.exec(p);
  if (v) {
    const sub = v[1];
    if (sub === undefined) return { endpoint: 'vehicle', category: 'state' };
    if (sub === 'wake_up') return { endpoint: 'wake_up', category: 'wake' };
    if (sub.startsWith('command/') || method.toUpperCase() === 'POST') return { endpoint: sub, category: 'command' };
    return { endpoint: sub, category: 'data' };
  }
  const e = /^\/api\/1\/energy_sites\/[^/]+\/(.+)$/.exec(p);
  if (e?.[1]) return { endpoint: e[1], category: method.toUpperCase() === 'POST' ? 'command' : 'energy' };
  return { endpoint: p || '/', category: 'state' };
}
