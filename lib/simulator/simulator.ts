import { FLEET_API_BASE_URLS, regionPrefix, type FleetRegion } from '@/lib/fleet-api/hosts';
import type { TokenResponse } from '@/lib/fleet-api/schemas/auth';
import { TokenStore } from './auth/token-store';
import { VirtualClock, type Clock } from './clock';
import type { SimState } from './context';
import { FaultInjector } from './faults';
import type { GroundTruthExport } from './ground-truth';
import { Ledger } from './ledger';
import { ALL_SCOPES, DEFAULT_API_OPTIONS, DEFAULT_CLIENT, type ApiOptions, type ClientOptions } from './options';
import { handleRequest } from './pipeline';
import { RateLimiter } from './rate-limit';
import { rootRng } from './rng';
import type { Scenario } from './scenario-types';
import { SCENARIOS, isScenarioName, type ScenarioName } from './scenarios';
import { secondSiteOf } from './scenarios/second-site';
import { World } from './world';

export interface SimulatorOptions {
  scenario: Scenario | ScenarioName;
  /** Same seed (and same call sequence) → same world, ground truth and responses. Default 1. */
  seed?: number | string;
  /** World start, epoch ms (rounded down to the minute). Default: the clock's now, else 2026-01-05T00:00Z. */
  start?: number;
  /** Default: a VirtualClock at `start`. Pass a RealClock for the demo server. */
  clock?: Clock;
  api?: Partial<ApiOptions>;
  client?: Partial<ClientOptions>;
  /** The refresh token the world starts with (single use). Default `<REGION>_simulator-initial-refresh-token`. */
  initialRefreshToken?: string;
  /**
   * Scopes the owner granted: those of the initial refresh token and the default of `issueTokens()`.
   * Default: every scope. E.g. leave out `vehicle_location` for an owner who did not share location.
   */
  grantedScopes?: string[];
}

/** Default start of a virtual world: Monday 2026-01-05 00:00 UTC. */
export const DEFAULT_START = Date.UTC(2026, 0, 5);

/**
 * A deterministic Tesla account: vehicles + the home's energy site (and a second site on request)
 * under a clock, and the Fleet API over them. Physics advance in fixed 60 s steps; the API always answers at the clock's time.
 */
export class Simulator {
  readonly scenario: Scenario;
  readonly clock: Clock;
  readonly world: World;
  readonly ledger: Ledger;
  readonly api: ApiOptions;
  readonly client: ClientOptions;
  readonly region: FleetRegion;
  /** Fleet API base URL of the account's region (requests to the other regions answer 421). */
  readonly baseUrl: string;
  readonly initialRefreshToken: string;
  readonly grantedScopes: string[];
  readonly #options: SimulatorOptions;
  readonly #start: number;
  readonly #state: SimState;
  readonly #faults: FaultInjector;
  readonly #limiter: RateLimiter;

  constructor(options: SimulatorOptions) {
    const scenario = typeof options.scenario === 'string' ? scenarioByName(options.scenario) : options.scenario;
    const rng = rootRng(options.seed ?? 1);
    const start = options.start ?? (options.clock ? options.clock.now() : DEFAULT_START);
    this.scenario = scenario;
    this.#options = options;
    this.#start = start;
    this.clock = options.clock ?? new VirtualClock(start);
    this.api = { ...DEFAULT_API_OPTIONS, ...options.api };
    this.world = new World(scenario, rng.fork('world'), start, this.api.secondEnergySite ? [secondSiteOf(scenario)] : []);
    this.client = { ...DEFAULT_CLIENT, ...options.client };
    this.ledger = new Ledger(this.api.prices);
    this.region = scenario.account.region;
    this.baseUrl = FLEET_API_BASE_URLS[this.region];
    const a = scenario.account;
    const tokens = new TokenStore(this.region, a.userUuid, this.client.clientId, a.locale, rng.fork('tokens'));
    this.initialRefreshToken = options.initialRefreshToken ?? `${regionPrefix(this.region)}simulator-initial-refresh-token`;
    this.grantedScopes = options.grantedScopes ?? ALL_SCOPES;
    tokens.seedRefreshToken(this.initialRefreshToken, this.grantedScopes, this.world.time);
    this.#state = {
      scenario,
      world: this.world,
      api: this.api,
      client: this.client,
      tokens,
      apiRng: rng.fork('api'),
      partnerRegions: new Set(),
      partnerDomains: new Map(),
    };
    this.#faults = new FaultInjector(this.api.faults, rng.fork('faults'));
    this.#limiter = new RateLimiter(this.api.rateLimits);
  }

  now(): number {
    return this.clock.now();
  }

  /** Steps physics up to `ms`; a virtual clock is moved there too. */
  advanceTo(ms: number): void {
    if (this.clock instanceof VirtualClock && ms > this.clock.now()) this.clock.set(ms);
    this.world.advanceTo(Math.min(ms, this.clock.now()));
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.clock.now() + ms);
  }

  /** Brings physics up to the clock (called before every request). */
  sync(): void {
    this.world.advanceTo(this.clock.now());
  }

  /** Mints tokens directly (no HTTP, not billed). Default: the granted scopes (every scope, incl. offline_access). */
  issueTokens(scopes: string[] = this.grantedScopes): TokenResponse {
    return this.#state.tokens.issue(scopes, this.clock.now());
  }

  /** Sets (or with null removes) the app's monthly billing limit, e.g. the owner raising it at developer.tesla.com. */
  setBillingLimit(usd: number | null): void {
    this.api.billingLimitUsd = usd;
  }

  /** Answers one Fleet API request (any host: NA/EU/CN, auth hosts, localhost). */
  handle(req: Request, signal?: AbortSignal): Promise<Response> {
    return handleRequest(
      { state: this.#state, clock: this.clock, ledger: this.ledger, faults: this.#faults, limiter: this.#limiter, sync: () => this.sync() },
      req,
      signal,
    );
  }

  /** Deep copy of what really happened so far. */
  groundTruth(): GroundTruthExport {
    return this.world.gt.export();
  }

  /**
   * The ground truth of the same world (scenario, seed, start, options) left alone until `until`
   * (default now): no client request at all, so every car sleeps as it would without any app.
   * Compare its `awakeSummary` with this simulator's to see the sleep a sync cost the cars.
   */
  groundTruthWithoutSync(until: number = this.now()): GroundTruthExport {
    const alone = new Simulator({ ...this.#options, clock: undefined, start: this.#start });
    alone.advanceTo(until);
    return alone.groundTruth();
  }
}

export function scenarioByName(name: string): Scenario {
  if (!isScenarioName(name)) throw new Error(`unknown scenario "${name}" (known: ${Object.keys(SCENARIOS).join(', ')})`);
  return SCENARIOS[name];
}

export function createSimulator(options: SimulatorOptions): Simulator {
  return new Simulator(options);
}
