import { expect } from 'vitest';
import { createDb, type DbHandle } from '@/db/client';
import { parseEnv } from '@/lib/env';
import { FLEET_API_BASE_URLS } from '@/lib/fleet-api';
import {
  DEFAULT_CLIENT,
  commuter,
  createSimulator,
  createSimulatorFetch,
  type ApiOptions,
  type LedgerEntry,
  type Scenario,
  type Simulator,
} from '@/lib/simulator';
import { createTeslaClient, type FetchFn, type FleetRegion, type TeslaConfig } from '@/lib/tesla';

/**
 * lib/tesla against the in-process simulator: the client's fetch seam is the simulator's fetch
 * (wrapped to record what went over the wire), its clock the simulator's virtual clock.
 */
export const KEY = '6d'.repeat(32);
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const VIN = commuter.vehicles[0]!.vin;
export const SITE = commuter.site.energySiteId;

/** The commuter scenario (EU) with a car that never drives: online at start, asleep 15 min later. */
export const parkedCommuter: Scenario = {
  ...commuter,
  vehicles: commuter.vehicles.map((v) => ({ ...v, pattern: { week: [[], [], [], [], [], [], []] } })),
};

export function testEnv(extra: Record<string, string> = {}) {
  return parseEnv({
    NODE_ENV: 'test',
    ENCRYPTION_KEY: KEY,
    AUTH_SECRET: 's'.repeat(32),
    CRON_SECRET: 'c'.repeat(32),
    TESLA_CLIENT_ID: DEFAULT_CLIENT.clientId,
    TESLA_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
    ...extra,
  });
}

/** Every secret that crossed the wire: bearer tokens sent, refresh tokens sent, tokens issued. */
export type Wire = { bearers: Set<string>; refreshSent: string[]; issued: string[] };

export function recordingFetch(inner: FetchFn): { fetch: FetchFn; wire: Wire } {
  const wire: Wire = { bearers: new Set(), refreshSent: [], issued: [] };
  const fetch: FetchFn = async (input, init) => {
    const req = new Request(input, init);
    const bearer = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1];
    if (bearer) wire.bearers.add(bearer);
    const isToken = new URL(req.url).pathname === '/oauth2/v3/token';
    if (isToken) {
      const sent = new URLSearchParams(await req.clone().text()).get('refresh_token');
      if (sent) wire.refreshSent.push(sent);
    }
    const res = await inner(req);
    if (isToken && res.ok) {
      const body = (await res.clone().json()) as { access_token: string; refresh_token?: string };
      wire.issued.push(body.access_token, ...(body.refresh_token ? [body.refresh_token] : []));
    }
    return res;
  };
  return { fetch, wire };
}

export type Setup = {
  sim: Simulator;
  wire: Wire;
  /** A new client on the same database, simulator and clock: another "process". */
  client: (env?: Record<string, string>, config?: Partial<TeslaConfig>, db?: DbHandle) => ReturnType<typeof createTeslaClient>;
};

/** A simulator and a connected account (the simulator's initial refresh token stored encrypted). */
export async function connectedSim(
  h: DbHandle,
  opts: {
    api?: Partial<ApiOptions>;
    scenario?: Scenario;
    /** Scopes the simulated owner granted (default: all). */
    grantedScopes?: string[];
    region?: FleetRegion;
    env?: Record<string, string>;
    config?: Partial<TeslaConfig>;
  } = {},
): Promise<Setup & { tesla: ReturnType<typeof createTeslaClient> }> {
  const sim = createSimulator({ scenario: opts.scenario ?? parkedCommuter, seed: 1, api: opts.api, grantedScopes: opts.grantedScopes });
  const { fetch, wire } = recordingFetch(createSimulatorFetch(sim));
  const client: Setup['client'] = (env = opts.env ?? {}, config = opts.config ?? {}, db = h) =>
    createTeslaClient({ db: db.db, fetch, clock: sim.clock, env: testEnv(env), config: { random: () => 0.5, ...config } });
  const tesla = client();
  await tesla.storeRefreshToken(sim.initialRefreshToken, opts.region ? { region: opts.region } : {});
  return { sim, wire, client, tesla };
}

/**
 * The database as a second process sees it: on Postgres its own connection pool (sessions that
 * really compete for the advisory locks), on in-memory PGlite the same instance.
 */
export function secondProcessDb(h: DbHandle): DbHandle {
  if (h.driver !== 'postgres' || !h.url) return { ...h, close: async () => {} };
  return createDb({ url: h.url, max: 3 });
}

/** Ledger entries of Fleet API calls (not the token endpoint). */
export const fleetCalls = (sim: Simulator): LedgerEntry[] => sim.ledger.entries().filter((e) => e.category !== 'auth');
export const byEndpoint = (sim: Simulator, endpoint: string): LedgerEntry[] => sim.ledger.entries().filter((e) => e.endpoint === endpoint);

/** Asserts the simulator saw at most `perMinute` requests in any 60 s window and none closer than 1 s. */
export function expectWithinLimits(entries: LedgerEntry[], perMinute = 10): void {
  const at = entries.map((e) => e.at).sort((a, b) => a - b);
  for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!, `gap before request ${i}`).toBeGreaterThanOrEqual(1000);
  const busiest = Math.max(...at.map((t) => at.filter((u) => u > t - MIN && u <= t).length));
  expect(busiest).toBeLessThanOrEqual(perMinute);
}

export const hostOf = (region: FleetRegion) => new URL(FLEET_API_BASE_URLS[region]).host;
