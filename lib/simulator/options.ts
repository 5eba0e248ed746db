import { FLEET_SCOPES } from '@/lib/fleet-api/schemas/auth';
import type { BillingPrices } from '@/lib/fleet-api/billing';
import type { FaultOptions } from './faults';
import type { RateLimits } from './rate-limit';

/**
 * API behaviour knobs. Where the reference marks a behaviour uncertain ([U]) the default is the
 * documented variant and the other is selectable, so clients can be tested against both.
 */
export interface ApiOptions {
  /** Requests per minute per device and category; omit a category for no limit. */
  rateLimits: RateLimits;
  /** USD per billable request by category (state/energy free by default, [U] §9.7). */
  prices: Partial<BillingPrices>;
  faults: FaultOptions;
  /** Status for vehicle_data on a sleeping car: documented 408, currently 503 per Tesla staff [U]. */
  asleepStatus: 408 | 503;
  /**
   * Error for a reused/expired refresh token: `invalid_grant` (400, OAuth RFC 6749, as the issue
   * states) or `login_required` (401, as Tesla/PY report it, reference §2.6).
   */
  refreshReuseError: 'invalid_grant' | 'login_required';
  /** Array key of telemetry_history?kind=charge [U] §9.5. */
  wallConnectorHistoryKey: 'charge_history' | 'time_series';
  /** When true, user calls in a region without `POST /partner_accounts` answer 412. */
  requirePartnerRegistration: boolean;
  /** When true, a token without `vehicle_location` gets no drive_state at all ([U] §9.9). */
  hideDriveStateWithoutLocationScope: boolean;
  /**
   * `vehicle_data` asking `location_data` with a token without `vehicle_location`: `refuse` answers
   * 403 `Unauthorized missing scopes vehicle_location for vehicle data access` (what Tesla does:
   * TeslaMate issue 5419, Home Assistant core issue 154536); `omit` answers without coordinates
   * (the belief the docs suggested).
   */
  locationDataWithoutScope: 'refuse' | 'omit';
  /**
   * The app's billing limit in USD per (UTC) month, null for none. Once the month's billable cost
   * reaches it, user calls answer 403 `account disabled: EXCEEDED_LIMIT` (reference §5.4: apps over
   * their limit are disabled; vehicle-command issue 403) until the limit is raised or the month ends.
   */
  billingLimitUsd: number | null;
  /** What the lock-out refuses: every user call (as reported) or only priced ones. */
  billingLockScope: 'all' | 'billable';
  /** Firmware quirk: sleeping cars report `offline` instead of `asleep` (§3.1). */
  reportOfflineWhenAsleep: boolean;
}

export const DEFAULT_API_OPTIONS: ApiOptions = {
  rateLimits: { data: 60, command: 30, wake: 3 },
  prices: {},
  faults: { rate: 0 },
  asleepStatus: 408,
  refreshReuseError: 'invalid_grant',
  wallConnectorHistoryKey: 'charge_history',
  requirePartnerRegistration: false,
  hideDriveStateWithoutLocationScope: false,
  locationDataWithoutScope: 'refuse',
  billingLimitUsd: null,
  billingLockScope: 'all',
  reportOfflineWhenAsleep: false,
};

/** The OAuth client the simulator accepts. */
export interface ClientOptions {
  clientId: string;
  clientSecret: string;
  /** Allowed redirect URIs; empty = any. */
  redirectUris: string[];
  /**
   * What the simulated Tesla finds at `https://<domain>/.well-known/appspecific/com.tesla.3p.public-key.pem`
   * when a domain is registered (Tesla fetches it). Unset: registration does not check the key.
   * Returning undefined: no key there, so registration is refused.
   */
  fetchDomainPublicKey?: (domain: string) => string | undefined | Promise<string | undefined>;
}

export const DEFAULT_CLIENT: ClientOptions = {
  clientId: 'tessie-stats-sim-client',
  clientSecret: 'tessie-stats-sim-secret',
  redirectUris: [],
};

/** Scopes granted to `issueTokens()` and the seeded refresh token. */
export const ALL_SCOPES: string[] = [...FLEET_SCOPES];
