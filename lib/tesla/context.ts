import type { Db } from '@/db/client';
import type { TeslaCache } from './cache';
import type { FleetClient } from './client';
import type { TeslaClock } from './clock';
import type { TeslaConfig } from './config';
import type { TokenManager } from './tokens';

/** What the endpoint modules (vehicles, energy, account) share inside one Tesla client. */
export type TeslaContext = {
  db: Db;
  cfg: TeslaConfig;
  clock: TeslaClock;
  fleet: FleetClient;
  cache: TeslaCache;
  tokens: TokenManager;
};
