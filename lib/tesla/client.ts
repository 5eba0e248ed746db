import 'server-only';
import ky from 'ky';
import type PQueue from 'p-queue';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import {
  FLEET_API_BASE_URLS,
  FLEET_REGIONS,
  UserRegionResponseSchema,
  baseUrlFromOutOfRegion,
  classifyRequest,
  fleetPaths,
  isBillingLockout,
  isVehicleUnavailable,
  missingScopesOf,
} from '@/lib/fleet-api';
import { log } from '@/lib/log';
import { lockBilling, setRegion, setRetryAfter, unlockBilling } from './account-store';
import type { TeslaClock } from './clock';
import { resolveBaseUrl, type TeslaConfig } from './config';
import {
  TeslaApiError,
  TeslaAuthError,
  TeslaBillingLockedError,
  TeslaMissingScopeError,
  TeslaRateLimitedError,
  TeslaRegionError,
  VehicleAsleepError,
} from './errors';
import { completeRequest } from './ledger';
import { reserveSlot } from './limiter';
import { backoffMs, errorTextOf, issuePaths, parseBody, retryAfterMs } from './responses';

/**
 * The only code that talks HTTP to Tesla (ky over an injectable `fetch`: the simulator's in tests
 * and demo seeding, the platform's otherwise). Every Fleet call goes: token → limiter slot (ledger
 * row) → one HTTP attempt → ledger completed → interpretation:
 * - 2xx: `{response}` unwrapped and validated with lib/fleet-api's schema (ids stay strings);
 * - 401: refresh the token once (under the refresh lock) and retry; a second 401 is TeslaAuthError;
 * - 421: ask `/users/region`, persist region + base URL, retry once (TeslaRegionError if pinned);
 * - 429: store Retry-After in user_config (all processes wait), retry at most once after waiting,
 *   and only when the wait fits `maxRetryAfterWaitMs`; otherwise TeslaRateLimitedError;
 * - 408 / `vehicle unavailable`: VehicleAsleepError (callers turn it into a result; never a wake);
 * - 403 `account disabled: EXCEEDED_LIMIT`: the billing lock-out, stored in user_config (every
 *   process holds priced calls back until the next try; see account-store) → TeslaBillingLockedError;
 *   the first priced call Tesla answers otherwise ends it. Other 403s: TeslaMissingScopeError when
 *   Tesla says scopes are missing (with the ones it names), else TeslaAuthError('forbidden');
 * - 5xx and timeouts: GETs retry with exponential backoff + full jitter, `maxAttempts` in total.
 */
export type FetchFn = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
export type RawResponse = { status: number; headers: Headers; text: string };

export function createHttp(cfg: Pick<TeslaConfig, 'timeoutMs'>, fetchFn?: FetchFn) {
  const api = ky.create({
    timeout: cfg.timeoutMs,
    retry: 0,
    throwHttpErrors: false,
    ...(fetchFn ? { fetch: fetchFn } : {}),
  });
  return {
    async send(
      url: string,
      init: { method: string; headers: Record<string, string>; body?: URLSearchParams | string },
    ): Promise<RawResponse> {
      const res = await api(url, { method: init.method, headers: init.headers, body: init.body });
      return { status: res.status, headers: res.headers, text: await res.text() };
    },
  };
}
export type TeslaHttp = ReturnType<typeof createHttp>;

export type FleetCall<T> = {
  method: 'GET' | 'POST';
  path: string;
  /** Path with ids replaced, for the ledger and messages (never contains ids or tokens). */
  template: string;
  query?: Record<string, string | undefined>;
  schema: z.ZodType<{ response: T }>;
  /** VIN or energy site id (ledger `target`, wake cap). */
  target?: string;
  essential?: boolean;
  /** Retry 5xx and timeouts (default: GET only; a wake is never re-sent). */
  retry?: boolean;
  /** Internal: whether a 421 may trigger region discovery. */
  discoverRegion?: boolean;
};

type Deps = {
  db: Db;
  cfg: TeslaConfig;
  clock: TeslaClock;
  http: TeslaHttp;
  queue: PQueue;
  tokens: {
    getAccess(): Promise<{ token: string; region: string | null; baseUrl: string | null }>;
    refresh(rejected?: string): Promise<string>;
    forget(): void;
  };
};

type Attempt = RawResponse | { failure: string } | { waitMs: number };
const MAX_STEPS = 500;

export function createFleetClient({ db, cfg, clock, http, queue, tokens }: Deps) {
  // This client's own last request: the per-second spacing to it is waited out before asking the
  // limiter (which would only answer "wait" and be asked again).
  let lastSent = -Infinity;
  const spacingMs = 1000 / cfg.ratePerSecond;
  async function attempt(
    call: FleetCall<unknown>,
    access: { token: string; region: string | null; baseUrl: string | null },
    category: ReturnType<typeof classifyRequest>['category'],
  ): Promise<Attempt> {
    const { token } = access;
    const base = resolveBaseUrl(cfg, { baseUrl: access.baseUrl, region: access.region });
    const query = new URLSearchParams(Object.entries(call.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
    const url = `${base}${call.path}${query.size > 0 ? `?${query}` : ''}`;
    return clock.hold(async () => {
      const slot = await reserveSlot(db, cfg, clock.now(), {
        method: call.method,
        pathTemplate: call.template,
        category,
        target: call.target,
        essential: call.essential,
      });
      if ('waitMs' in slot) return slot;
      const started = performance.now();
      let res: RawResponse | undefined;
      let failure = 'Error';
      try {
        res = await http.send(url, { method: call.method, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
      } catch (err) {
        failure = err instanceof Error ? err.name : failure; // the error object itself holds the request: not kept
      }
      await completeRequest(db, slot.rowId, {
        category,
        status: res?.status ?? null,
        durationMs: performance.now() - started,
        prices: cfg.prices,
      });
      // The one try through a billing lock-out, answered otherwise: the lock-out is over, for every process.
      if (res && slot.probe && res.status < 500 && !isBillingLockout(errorTextOf(parseBody(res.text)))) await unlockBilling(db);
      return res ?? { failure };
    });
  }

  async function discoverRegion(errorText: string): Promise<void> {
    let found: { region: string; fleet_api_base_url: string } | undefined;
    try {
      found = await execute({
        method: 'GET',
        path: fleetPaths.region(),
        template: fleetPaths.region(),
        schema: UserRegionResponseSchema,
        discoverRegion: false,
      });
    } catch (err) {
      log.warn('Tesla region lookup failed; using the base URL named in the 421 answer', err);
    }
    const baseUrl = found?.fleet_api_base_url ?? baseUrlFromOutOfRegion(errorText);
    const region =
      (found?.region as (typeof FLEET_REGIONS)[number] | undefined) ?? FLEET_REGIONS.find((r) => FLEET_API_BASE_URLS[r] === baseUrl);
    if (!baseUrl || !region) throw new TeslaRegionError('Tesla says the account lives in another region and the region lookup failed.');
    await setRegion(db, region, baseUrl.replace(/\/+$/, ''));
    tokens.forget();
    log.info(`Tesla account region is ${region}: switched the Fleet API base URL to ${baseUrl}`);
  }

  /** One call with its waits and retries, run inside the caller's queue turn (never re-enters the queue). */
  async function execute<T>(call: FleetCall<T>): Promise<T> {
    const { category } = classifyRequest(call.method, call.path);
    const retry = call.retry ?? call.method === 'GET';
    const label = `${call.method} ${call.template}`;
    let failures = 0;
    let authRetried = false;
    let regionRetried = false;
    let rateRetried = false;
    for (let step = 0; step < MAX_STEPS; step++) {
      const access = await tokens.getAccess();
      const { token } = access;
      const gap = lastSent + spacingMs - clock.now();
      if (gap > 0) await clock.sleep(gap);
      const out = await attempt(call as FleetCall<unknown>, access, category);
      if (!('waitMs' in out)) lastSent = clock.now();
      if ('waitMs' in out) {
        await clock.sleep(out.waitMs);
        continue;
      }
      if ('failure' in out) {
        failures++;
        if (retry && failures < cfg.maxAttempts) {
          log.warn(`Tesla ${label}: no answer (${out.failure}), retry ${failures}`);
          await clock.sleep(backoffMs(failures, cfg.backoffBaseMs, cfg.maxBackoffMs, cfg.random));
          continue;
        }
        throw new TeslaApiError(
          `Tesla did not answer ${label} (${out.failure}) after ${failures} attempt(s).`,
          undefined,
          'tesla_unavailable',
        );
      }
      const body = parseBody(out.text);
      const { status } = out;
      if (status >= 200 && status < 300) {
        const parsed = call.schema.safeParse(body);
        if (parsed.success) return parsed.data.response;
        throw new TeslaApiError(
          `Tesla sent an unexpected payload for ${label} (fields: ${issuePaths(parsed.error.issues)}).`,
          status,
          'tesla_invalid_payload',
        );
      }
      const error = errorTextOf(body);
      if (status === 408 || isVehicleUnavailable({ error })) throw new VehicleAsleepError(call.target ?? '', status);
      if (status === 401 && error !== 'mobile_access_disabled') {
        if (authRetried) throw new TeslaAuthError('unauthorized', `Tesla rejected a freshly refreshed access token for ${label}.`, 401);
        authRetried = true;
        await tokens.refresh(token);
        continue;
      }
      if (status === 421) {
        const suggested = baseUrlFromOutOfRegion(error);
        if (cfg.fleetApiUrl)
          throw new TeslaRegionError(
            `Tesla answered 421 (wrong region) but TESLA_FLEET_API_URL pins the base URL${suggested ? `; Tesla suggests ${suggested}` : ''}.`,
            suggested,
          );
        if (regionRetried || call.discoverRegion === false)
          throw new TeslaRegionError(`Tesla answered 421 (wrong region) to ${label} again.`, suggested);
        regionRetried = true;
        await discoverRegion(error);
        continue;
      }
      if (status === 429) {
        const waitMs = retryAfterMs(out.headers, error, clock.now());
        const until = new Date(clock.now() + waitMs);
        await setRetryAfter(db, until);
        log.warn(`Tesla rate-limited ${label}: backing off until ${until.toISOString()}`);
        if (rateRetried) throw new TeslaRateLimitedError(waitMs, until);
        rateRetried = true;
        continue;
      }
      if (status >= 500 && retry && ++failures < cfg.maxAttempts) {
        log.warn(`Tesla ${label}: ${status}${error ? ` (${error})` : ''}, retry ${failures}`);
        await clock.sleep(backoffMs(failures, cfg.backoffBaseMs, cfg.maxBackoffMs, cfg.random));
        continue;
      }
      if (status === 401)
        throw new TeslaApiError(`Remote access is disabled in the vehicle (${label}).`, status, 'tesla_mobile_access_disabled');
      if (status === 403 && isBillingLockout(error)) {
        const lock = await lockBilling(db, clock.now());
        log.warn(`Tesla disabled this app's API access (${error}) at ${label}: paid calls wait until ${lock.retryAt.toISOString()}`);
        throw new TeslaBillingLockedError(lock.since, lock.retryAt, status);
      }
      const missing = status === 403 ? missingScopesOf(error) : null;
      if (missing) throw new TeslaMissingScopeError(missing, `Tesla refused ${label}: ${error}.`, status);
      if (status === 403) throw new TeslaAuthError('forbidden', `Tesla refused ${label}${error ? `: ${error}` : ''}.`, status);
      throw new TeslaApiError(`Tesla answered ${status}${error ? ` (${error})` : ''} to ${label}.`, status);
    }
    throw new TeslaApiError(`Gave up on ${label} after ${MAX_STEPS} steps.`);
  }

  return {
    /** Queues a call behind this client's earlier ones (concurrency 1) and runs it. */
    send<T>(call: FleetCall<T>): Promise<T> {
      return queue.add(() => execute(call));
    },
  };
}
export type FleetClient = ReturnType<typeof createFleetClient>;
