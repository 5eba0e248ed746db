import type { FleetRegion } from '@/lib/fleet-api/hosts';
import type { AccessGrant, TokenStore } from './auth/token-store';
import type { ApiOptions, ClientOptions } from './options';
import type { Rng } from './rng';
import type { Scenario } from './scenario-types';
import type { VehicleSim } from './vehicle/vehicle-model';
import type { World } from './world';

/** What request handlers may see of the simulator. */
export interface SimState {
  readonly scenario: Scenario;
  readonly world: World;
  readonly api: ApiOptions;
  readonly client: ClientOptions;
  readonly tokens: TokenStore;
  /** Stream for API-side randomness (wake delays); consumed in request order. */
  readonly apiRng: Rng;
  readonly partnerRegions: Set<FleetRegion>;
  /** Domains registered with `POST /partner_accounts`: per domain, the regions and the key found at its .well-known path. */
  readonly partnerDomains: Map<string, { regions: Set<FleetRegion>; publicKeyHex: string | null }>;
}

export interface RequestContext {
  sim: SimState;
  req: Request;
  url: URL;
  /** Simulated time of the request, epoch ms. */
  now: number;
  params: Record<string, string>;
  grant: AccessGrant | null;
}

/** Vehicle by VIN or numeric id string (both accepted as vehicle_tag, §3). */
export function findVehicle(sim: SimState, tag: string): VehicleSim | undefined {
  return sim.world.vehicles.find((v) => v.vin === tag || v.spec.idS === tag);
}
