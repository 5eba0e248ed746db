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
  /** vehicle_data without `display_name`: the name only in `vehicle_state.vehicle_name` (fleet-era answers). */
  vehicleNameOnlyInVehicleState: boolean;
  /** Unplugged: `charger_*`, `fast_charger_present`, `charge_port_door_open` and `trip_charging` null (firmware 2022.8). */
  unpluggedChargerNulls: boolean;
  /** `fast_charger_brand` '' instead of '<invalid>' off DC (firmware 2023.38 and later). */
  emptyFastChargerBrand: boolean;
  /**
   * charge_state without `energy_remaining`, `lifetime_energy_used` and the module temperatures
   * (2024.44): on no car, on some (by VIN: a fleet mixes firmware eras) or on every car.
   */
  omitBmsFields: 'never' | 'some-cars' | 'always';
  /**
   * One vehicle_data answer in this many (0: none) carries junk in readings the app can do without:
   * temperatures and tyre pressures null, `minutes_to_full_charge` as a string.
   */
  junkFieldEvery: number;
  /**
   * Supercharger history body as the live payload sends it: `{data, totalResults}` at the top
   * level, no `response` wrapper (TeslaLogger's charging-history V2 parser, a Go client's fixture).
   */
  chargingHistoryUnwrapped: boolean;
  /**
   * Supercharger history paging: the first page comes back empty while the sessions follow on the
   * next pages; `totalResults` counts the page of entries Tesla left out (so a reader that stops at
   * an empty page, or reads one page only, misses every session).
   */
  chargingHistoryEmptyPage: boolean;
  /**
   * Supercharger history fees settled without payment: of the sessions (by id) one in four is
   * `NO_CHARGE` (free Supercharging) and one in four `CREDIT` (Supercharging credits), each still
   * listing the session's price as `totalDue` (TeslaLogger counts only `PAYMENT` and
   * `CREDIT_PARTIAL_PAYMENT` as paid). `superchargerPaid` says what the owner paid.
   */
  superchargerFreeFees: boolean;
  /**
   * European Superchargers: `fast_charger_type: "Combo"` with `fast_charger_brand: "Tesla"` while
   * Supercharging, not `Supercharger` (TeslaPy's EU Model 3 payload, TeslaMate PR 3863,
   * fleet-telemetry issue 356).
   */
  superchargerReportsCombo: boolean;
  /**
   * Bucket length of `calendar_history?kind=energy&period=day` (tests/fixtures/real/README.md items
   * 18–19): `five_minutes` (the documented answer, and what 2023–2026 fixtures show), `hourly` (Home
   * Assistant PR 157508 describes the 2025 data as hourly; 23 or 25 entries on a DST day) or `daily`
   * (one entry with the day's totals, as the older API sent unless an interval was asked for). The
   * current bucket holds the energy so far. Default `five_minutes`.
   */
  calendarHistoryBuckets: 'five_minutes' | 'hourly' | 'daily';
  /**
   * The account holds a second energy site (issue 13, known difference 6): a holiday home with solar
   * and one Powerwall but no Wall Connector, with its own physics and history, listed before the
   * scenario's home site in /products (Tesla does not order the list). Default off (one site).
   */
  secondEnergySite: boolean;
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
  vehicleNameOnlyInVehicleState: false,
  unpluggedChargerNulls: false,
  emptyFastChargerBrand: false,
  omitBmsFields: 'never',
  junkFieldEvery: 0,
  chargingHistoryUnwrapped: false,
  chargingHistoryEmptyPage: false,
  superchargerFreeFees: false,
  superchargerReportsCombo: false,
  calendarHistoryBuckets: 'five_minutes',
  secondEnergySite: false,
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
