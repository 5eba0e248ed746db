import { classifyRequest, type BillingCategory } from '@/lib/fleet-api/billing';
import { BILLING_LOCKOUT_ERROR } from '@/lib/fleet-api/refusals';
import { outOfRegionMessage, regionOfHost } from '@/lib/fleet-api/hosts';
import type { AccessGrant } from './auth/token-store';
import type { Clock } from './clock';
import type { RequestContext, SimState } from './context';
import { FAULT_BODIES, type FaultInjector } from './faults';
import { fleetError, jsonResponse } from './http';
import type { Ledger } from './ledger';
import type { RateLimiter } from './rate-limit';
import { matchRoute } from './routes';

export interface PipelineDeps {
  state: SimState;
  clock: Clock;
  ledger: Ledger;
  faults: FaultInjector;
  limiter: RateLimiter;
  /** Brings the physics up to the clock before each request. */
  sync: () => void;
}

/** Hangs until `signal` aborts (rejecting with its reason) or answers 504 after `hangMs` real ms. */
function hang(signal: AbortSignal | undefined, hangMs: number): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => resolve(fleetError(504, 'gateway timeout', '')), hangMs);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/** First instant of the UTC month of `ms`: Tesla bills per calendar month. */
function monthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Whether the app's monthly billing limit is reached, so Tesla refuses this call (§5.4). */
function billingLocked(deps: PipelineDeps, category: BillingCategory, now: number): boolean {
  const { billingLimitUsd, billingLockScope } = deps.state.api;
  if (billingLimitUsd === null) return false;
  if (billingLockScope === 'billable' && !(deps.ledger.prices[category] > 0)) return false;
  return deps.ledger.costUsd(monthStart(now)) >= billingLimitUsd;
}

/**
 * One request through the simulated Fleet API: fault injection (/api/1 only) → routing → bearer
 * token (401) → region (421) → partner registration (412) → billing lock-out (403 EXCEEDED_LIMIT)
 * → scope (403) → per-device rate limit (429) → handler. Every outcome is written to the ledger
 * with Tesla's billing category.
 */
export async function handleRequest(deps: PipelineDeps, req: Request, signal?: AbortSignal): Promise<Response> {
  deps.sync();
  const url = new URL(req.url);
  const now = Math.floor(deps.clock.now());
  const { endpoint, category } = classifyRequest(req.method, url.pathname);
  const matched = matchRoute(req.method, url.pathname);
  const params = matched && matched !== 'method' ? matched.params : {};
  const record = (status: number, fault: string | null = null) =>
    deps.ledger.record({
      at: now,
      method: req.method.toUpperCase(),
      host: url.host,
      path: url.pathname,
      endpoint,
      category,
      status,
      vin: params.vin ?? url.searchParams.get('vin'),
      siteId: params.id ?? null,
      fault,
    });
  const finish = (res: Response, fault: string | null = null): Response => {
    const entry = record(res.status, fault);
    res.headers.set('x-txid', `sim-${entry.seq.toString(16).padStart(8, '0')}`);
    return res;
  };

  if (url.pathname.startsWith('/api/1/')) {
    const fault = deps.faults.draw();
    if (fault === 'timeout') {
      record(504, 'timeout');
      return hang(signal, deps.faults.options.hangMs ?? 10_000);
    }
    if (fault) return finish(fleetError(FAULT_BODIES[fault].status, FAULT_BODIES[fault].error, ''), fault);
  }
  if (matched === null) return finish(fleetError(404, 'not_found', `no route for ${url.pathname}`));
  if (matched === 'method') return finish(fleetError(405, 'invalid_method', ''));
  const { route } = matched;
  const sim = deps.state;

  let grant: AccessGrant | null = null;
  if (route.auth !== 'none') {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1]?.trim();
    const checked = bearer ? sim.tokens.check(bearer, now) : 'unknown';
    if (checked === 'expired') return finish(fleetError(401, 'token expired (401)', ''));
    if (checked === 'unknown') return finish(fleetError(401, 'invalid bearer token', ''));
    if ((route.auth === 'partner') !== checked.partner) {
      return finish(
        fleetError(403, 'Unauthorized missing scopes', route.auth === 'partner' ? 'partner token required' : 'third-party token required'),
      );
    }
    grant = checked;
  }
  const hostRegion = regionOfHost(url.host);
  const region = sim.scenario.account.region;
  if (route.regionBound && hostRegion !== undefined && hostRegion !== region)
    return finish(fleetError(421, outOfRegionMessage(region), ''));
  if (route.auth === 'user' && sim.api.requirePartnerRegistration && !sim.partnerRegions.has(hostRegion ?? region)) {
    return finish(
      fleetError(
        412,
        `Account ${sim.client.clientId} must be registered in the current region, please see https://developer.tesla.com/docs/fleet-api/endpoints/partner-endpoints#register`,
        '',
      ),
    );
  }
  // The lock-out body has only `error` (vehicle-command issue 403), and no Retry-After.
  if (route.auth === 'user' && billingLocked(deps, category, now)) return finish(jsonResponse(403, { error: BILLING_LOCKOUT_ERROR }));
  if (route.scope && !grant?.scopes.includes(route.scope))
    return finish(fleetError(403, 'Unauthorized missing scopes', `requires ${route.scope}`));
  if (route.auth === 'user') {
    const decision = deps.limiter.check(category, params.vin ?? params.id ?? 'account', now);
    if (decision?.limited) {
      return finish(
        fleetError(429, `Retry in ${decision.retryAfterS} seconds`, '', {
          'retry-after': String(decision.retryAfterS),
          'ratelimit-limit': String(decision.limit),
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(decision.resetS),
        }),
      );
    }
  }
  const ctx: RequestContext = { sim, req, url, now, params, grant };
  return finish(await route.handler(ctx));
}
