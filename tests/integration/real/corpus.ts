import { readdirSync, readFileSync } from 'node:fs';
import { desc } from 'drizzle-orm';
import type { Db, DbHandle } from '@/db/client';
import { vehicleStates } from '@/db/schema';
import { parseFleetJson } from '@/lib/fleet-api';
import {
  DEFAULT_START,
  commuter,
  createSimulator,
  createSimulatorFetch,
  type ApiOptions,
  type Scenario,
  type Simulator,
} from '@/lib/simulator';
import { runSync } from '@/lib/sync/run-sync';
import type { SyncDeps, SyncSummary } from '@/lib/sync/types';
import { createTeslaClient, type FetchFn, type TeslaClient, type TeslaConfig } from '@/lib/tesla';
import { testEnv } from '../tesla/harness';

/**
 * The real-shaped payloads of tests/fixtures/real served at the Tesla client's fetch seam: every
 * request goes to the in-process simulator (OAuth, the car, the site), except the endpoints a test
 * names, which answer with a corpus file's status and its body exactly as written in the file.
 */
export const ENDPOINTS = [
  'vehicles',
  'vehicle',
  'vehicle_data',
  'wake_up',
  'products',
  'site_info',
  'live_status',
  'calendar_history',
  'telemetry_history',
  'charging_history',
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export type CorpusFile = {
  file: string;
  endpoint: Endpoint;
  status: number;
  source: string;
  covers: string;
  /** The body as the file holds it (ids beyond 2^53 exact). */
  text: string;
  /** The body read with parseFleetJson (big ids as digit strings). */
  body: unknown;
};

const DIR = new URL('../../fixtures/real/', import.meta.url);

/** Every corpus file, in name order. */
export function loadCorpus(): CorpusFile[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map(corpusFile);
}

export function corpusFile(file: string): CorpusFile {
  const raw = readFileSync(new URL(file, DIR), 'utf8');
  const meta = parseFleetJson(raw) as { endpoint: Endpoint; status: number; source: string; covers: string; body: unknown };
  // `body` is the envelope's last key: its text runs from `"body":` to the envelope's closing brace.
  const at = raw.lastIndexOf('"body":');
  const text = raw.slice(at + '"body":'.length, raw.lastIndexOf('}')).trim();
  return { file, endpoint: meta.endpoint, status: meta.status, source: meta.source, covers: meta.covers, text, body: meta.body };
}

/** Which corpus endpoint a Fleet API request is (undefined: OAuth and anything else). */
export function endpointOf(req: Request): Endpoint | undefined {
  const path = new URL(req.url).pathname;
  if (path === '/api/1/vehicles') return 'vehicles';
  if (path === '/api/1/products') return 'products';
  if (path === '/api/1/dx/charging/history') return 'charging_history';
  if (/^\/api\/1\/vehicles\/[^/]+$/.test(path)) return 'vehicle';
  const sub = /^\/api\/1\/(?:vehicles|energy_sites)\/[^/]+\/([a-z_]+)$/.exec(path)?.[1];
  return ENDPOINTS.find((e) => e === sub);
}

export type Answer = { status: number; text: string };
/** A fixed answer, or one computed per request (undefined: let the simulator answer). */
export type Served = Answer | ((req: Request, sim: Simulator) => Promise<Answer | undefined> | Answer | undefined);
export type Serve = Partial<Record<Endpoint, Served>>;

export const answer = (f: CorpusFile): Answer => ({ status: f.status, text: f.text });
export const json = (body: unknown, status = 200): Answer => ({ status, text: JSON.stringify(body) });

/**
 * The simulator's fetch with `serve` in front. Requests for energy sites the simulator does not
 * know (ids from a corpus `/products`) are asked of the simulator's own site, so a sync can go on
 * with a corpus site list.
 */
export function servingFetch(sim: Simulator, serve: Serve, hits: Partial<Record<Endpoint, number>> = {}): FetchFn {
  const inner = createSimulatorFetch(sim);
  const siteId = sim.scenario.site?.energySiteId;
  return async (input, init) => {
    let req = new Request(input, init);
    const endpoint = endpointOf(req);
    const served = endpoint ? serve[endpoint] : undefined;
    if (endpoint) hits[endpoint] = (hits[endpoint] ?? 0) + 1;
    if (served) {
      const out = typeof served === 'function' ? await served(req, sim) : served;
      if (out) return new Response(out.text, { status: out.status, headers: { 'content-type': 'application/json' } });
    }
    if (siteId) {
      const url = new URL(req.url);
      const rewritten = url.pathname.replace(/^(\/api\/1\/energy_sites\/)[^/]+/, `$1${siteId}`);
      if (rewritten !== url.pathname) {
        url.pathname = rewritten;
        req = new Request(url, req);
      }
    }
    return inner(req);
  };
}

export type CorpusSync = {
  sim: Simulator;
  tesla: TeslaClient;
  summary: SyncSummary;
  /** Requests per endpoint that reached the fetch seam (served or not). */
  hits: Partial<Record<Endpoint, number>>;
  run: (opts?: Partial<SyncDeps>) => Promise<SyncSummary>;
};

/**
 * A connected account on the simulator (`scenario`, default: the commuter whose car is parked and
 * online at the start) with `serve` at the fetch seam, and one "sync now" run (`fresh`: every
 * online car is read). `run()` runs the sync again. `worldDays`: the simulated world runs this
 * long before the first run (closed days for the energy history; the parked car is asleep by then).
 */
export async function syncServing(
  h: DbHandle,
  serve: Serve,
  o: {
    scenario?: Scenario;
    config?: Partial<TeslaConfig>;
    worldDays?: number;
    policy?: SyncDeps['policy'];
    api?: Partial<ApiOptions>;
  } = {},
): Promise<CorpusSync> {
  const sim = createSimulator({
    scenario: o.scenario ?? parkedCommuter,
    seed: 1,
    start: DEFAULT_START - (o.worldDays ?? 0) * 86_400_000,
    api: o.api,
  });
  if (o.worldDays) sim.advanceTo(DEFAULT_START);
  const hits: CorpusSync['hits'] = {};
  const tesla = createTeslaClient({
    db: h.db,
    fetch: servingFetch(sim, serve, hits),
    clock: sim.clock,
    env: testEnv(),
    config: { random: () => 0.5, ...o.config },
  });
  await tesla.storeRefreshToken(sim.initialRefreshToken);
  const run = (deps: Partial<SyncDeps> = {}) =>
    runSync({ db: h.db, tesla, now: () => new Date(sim.now()), policy: o.policy, ...deps }, { trigger: 'manual', fresh: true });
  return { sim, tesla, hits, summary: await run(), run };
}

/** The commuter scenario with a car that never drives: online at the start, asleep 15 min later. */
export const parkedCommuter: Scenario = {
  ...commuter,
  vehicles: commuter.vehicles.map((v) => ({ ...v, pattern: { week: [[], [], [], [], [], [], []] } })),
};
export const SIM_VIN = commuter.vehicles[0]!.vin;

/** The stored samples, newest first. */
export async function storedStates(db: Db) {
  return db.select().from(vehicleStates).orderBy(desc(vehicleStates.timestamp));
}

/** The value at a dotted path (`response.charge_state.charger_power`; array indices as numbers), or undefined. */
export function getAt(body: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined), body);
}

/** Sets the value at a dotted path (`undefined`: deletes the key). The path's parents must exist. */
export function setAt(body: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = getAt(body, keys.join('.')) as Record<string, unknown>;
  if (keys.length === 0) throw new Error('setAt needs a path below the root');
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}

/** A corpus body with `edits` (dotted path → value; undefined deletes) applied to its parsed JSON. */
export function editedBody(file: string, edits: Record<string, unknown>): unknown {
  const body = parseFleetJson(corpusFile(file).text);
  for (const [path, value] of Object.entries(edits)) setAt(body, path, value);
  return body;
}
