import { createSimulator, createSimulatorFetch, type Scenario, type Simulator, type SimulatorOptions } from '@/lib/simulator';

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A simulator plus an authenticated JSON client on its own region's host. */
export function setup(options: SimulatorOptions) {
  const sim = createSimulator(options);
  const fetch = createSimulatorFetch(sim);
  let token = sim.issueTokens().access_token;
  let expiresAt = sim.now() + 8 * HOUR;
  /** Calls the API; by default with a fresh-enough access token minted directly (like a client that refreshes). */
  async function call(path: string, init: { method?: string; token?: string | null; host?: string } = {}) {
    if (init.token === undefined && sim.now() > expiresAt - MIN) {
      token = sim.issueTokens().access_token;
      expiresAt = sim.now() + 8 * HOUR;
    }
    const headers: Record<string, string> = {};
    const bearer = init.token === undefined ? token : init.token;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const res = await fetch(`${init.host ?? sim.baseUrl}${path}`, { method: init.method ?? 'GET', headers });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
  }
  return { sim, fetch, token: () => token, call };
}

/** A scenario variant whose cars never drive (for sleep tests). */
export function parked(base: Scenario, overrides: Partial<Scenario['vehicles'][number]> = {}): Scenario {
  return {
    ...base,
    vehicles: base.vehicles.map((v) => ({ ...v, ...overrides, pattern: { week: [[], [], [], [], [], [], []] } })),
  };
}

export type Sim = Simulator;
