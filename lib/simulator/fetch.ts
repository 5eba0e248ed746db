import type { Simulator } from './simulator';

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * A `fetch`-compatible function served by the simulator: the live client's fetch seam. Accepts
 * absolute URLs on any host (the NA/EU/CN Fleet API hosts, the auth hosts, a local base URL); the
 * host only matters for region checks (421). A timeout fault honours `init.signal`.
 */
export function createSimulatorFetch(sim: Simulator): FetchLike {
  return async (input, init) => {
    const req = new Request(input, init);
    return sim.handle(req, init?.signal ?? (input instanceof Request ? input.signal : undefined));
  };
}
