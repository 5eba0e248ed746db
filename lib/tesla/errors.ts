import { countOf } from '@/lib/format';
import { HttpError } from '@/lib/http/errors';

/**
 * Typed failures of the Tesla door. They extend HttpError so `toErrorResponse` maps them without a
 * special case: the status is what *our* API answers (Tesla's own status, when there was one, is
 * `upstreamStatus`). Contract: no message, detail or cause ever carries a token; upstream errors
 * are reduced to Tesla's short `error` string and the path template.
 */
export class TeslaError extends HttpError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly upstreamStatus?: number,
    details?: unknown,
  ) {
    super(status, code, message, details);
    this.name = 'TeslaError';
  }
}

/** No Tesla account connected yet, or the refresh token is gone/rejected: the owner must sign in again. */
export class TeslaAuthError extends TeslaError {
  constructor(
    readonly reason: 'not_connected' | 'reauth_required' | 'unauthorized' | 'forbidden' | 'misconfigured',
    message: string,
    upstreamStatus?: number,
  ) {
    super(reason === 'forbidden' ? 403 : 409, `tesla_${reason}`, message, upstreamStatus);
    this.name = 'TeslaAuthError';
  }
}

/**
 * Tesla refused for want of scopes (403 `Unauthorized missing scopes…`). `scopes`: the ones Tesla
 * named (e.g. `vehicle_location`), empty when it named none.
 */
export class TeslaMissingScopeError extends TeslaAuthError {
  constructor(
    readonly scopes: string[],
    message: string,
    upstreamStatus?: number,
  ) {
    super('forbidden', message, upstreamStatus);
    this.name = 'TeslaMissingScopeError';
  }
}

/**
 * Tesla disabled this app's Fleet API access for exceeding its billing limit (403 `account disabled:
 * EXCEEDED_LIMIT`), or the stored lock-out holds a billable call back until `retryAt` without
 * sending it. Not a scope problem: the owner raises the limit (or adds a payment method) at
 * developer.tesla.com. Free calls are not held back.
 */
export class TeslaBillingLockedError extends TeslaError {
  constructor(
    readonly since: Date,
    readonly retryAt: Date,
    upstreamStatus?: number,
  ) {
    super(
      503,
      'tesla_billing_locked',
      `Tesla has disabled this app's API access for exceeding its billing limit (account disabled: EXCEEDED_LIMIT, since ${since.toISOString()}). Raise the limit or add a payment method at developer.tesla.com; paid calls wait until ${retryAt.toISOString()}.`,
      upstreamStatus,
      { since: since.toISOString(), retryAt: retryAt.toISOString() },
    );
    this.name = 'TeslaBillingLockedError';
  }
}

/** Tesla (429) or our stored back-off asked us to wait; `retryAfterMs` counts from the clock's now. */
export class TeslaRateLimitedError extends TeslaError {
  constructor(
    readonly retryAfterMs: number,
    readonly until: Date,
  ) {
    super(429, 'tesla_rate_limited', `Tesla asked us to wait until ${until.toISOString()}.`, 429, {
      retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
    });
    this.name = 'TeslaRateLimitedError';
  }
}

/** The car is asleep or offline (408, or 503/500 with `vehicle unavailable`). Never answered with a wake. */
export class VehicleAsleepError extends TeslaError {
  constructor(
    readonly vin: string,
    upstreamStatus?: number,
  ) {
    super(503, 'vehicle_asleep', 'The vehicle is asleep or offline.', upstreamStatus);
    this.name = 'VehicleAsleepError';
  }
}

/** 421 while the base URL is pinned by TESLA_FLEET_API_URL, or region discovery failed. */
export class TeslaRegionError extends TeslaError {
  constructor(
    message: string,
    readonly suggestedBaseUrl?: string,
  ) {
    super(502, 'tesla_wrong_region', message, 421);
    this.name = 'TeslaRegionError';
  }
}

/** This month's Fleet API cost reached TESLA_MONTHLY_BUDGET_USD; priced calls are refused. */
export class TeslaBudgetExceededError extends TeslaError {
  constructor(
    readonly spentUsd: number,
    readonly budgetUsd: number,
  ) {
    super(402, 'tesla_budget_exceeded', `Monthly Tesla API budget reached ($${spentUsd.toFixed(4)} of $${budgetUsd.toFixed(2)}).`);
    this.name = 'TeslaBudgetExceededError';
  }
}

/** TESLA_MAX_WAKES_PER_DAY wakes already sent for this vehicle in the last 24 hours. */
export class TeslaWakeLimitError extends TeslaError {
  constructor(
    readonly vin: string,
    readonly max: number,
  ) {
    super(429, 'tesla_wake_limit', `Wake limit reached: at most ${countOf(max, 'wake')} per vehicle per 24 hours.`);
    this.name = 'TeslaWakeLimitError';
  }
}

/** Any other Tesla answer we cannot use (4xx, 5xx after retries, timeouts, invalid payloads). */
export class TeslaApiError extends TeslaError {
  constructor(message: string, upstreamStatus?: number, code = 'tesla_upstream_error') {
    super(502, code, message, upstreamStatus);
    this.name = 'TeslaApiError';
  }
}

/** A stored token failed AES-GCM authentication: wrong ENCRYPTION_KEY or tampered row. */
export class TokenDecryptError extends TeslaError {
  constructor(what: string) {
    super(
      500,
      'token_decrypt_failed',
      `The stored Tesla ${what} could not be decrypted: ENCRYPTION_KEY differs from the one that encrypted it, or the stored value was tampered with. Reconnect the Tesla account.`,
    );
    this.name = 'TokenDecryptError';
  }
}
