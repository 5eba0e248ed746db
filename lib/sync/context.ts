import 'server-only';
import type { Db } from '@/db/client';
import type { TeslaClient } from '@/lib/tesla';
import type { AttributionRule, SiteEnergyBucket } from '@/lib/stats';
import type { PollingPolicy } from './policy';
import type { Places } from './price-charge';
import type { SyncLimits } from './types';

/** Thrown when a run reaches its request or time bound: the rest is left for the next run. */
export class SyncBudgetExceeded extends Error {
  constructor(what: string) {
    super(`Sync budget reached (${what}); the rest is left for the next run.`);
    this.name = 'SyncBudgetExceeded';
  }
}

/** Everything one run's steps share. */
export type SyncContext = {
  db: Db;
  tesla: TeslaClient;
  now: () => Date;
  policy: PollingPolicy;
  fresh: boolean;
  /** Named places with their tariffs, and the solar attribution rule (loaded on first use). */
  pricing: () => Promise<{ places: Places; rule: AttributionRule }>;
  /** The energy site (for home charges' split and the tariff time zone), when the account has one. */
  site: { id: string; timeZone: string } | null;
  /** See `SyncLimits.observationGapMs`. */
  observationGapMs: number;
  count: (key: string, n?: number) => void;
  /** Lists a failure that did not stop the run (a site, a day) in the run's `error`. */
  report: (failure: string) => void;
  /** Reports when a vehicle's polling decision could next change (summarised in `counts.next_decision_in_s`). */
  nextDecision: (at: Date) => void;
  /** The site buckets read last in this run (lib/sync/site-buckets.ts, its only reader and writer); dropped whenever buckets are written. */
  bucketMemo?: { siteId: string; from: number; to: number; rows: SiteEnergyBucket[] };
  /** End of the site's newest stored bucket (epoch ms; null: none), read once per run; dropped whenever buckets are written. */
  bucketsEnd?: number | null;
  /** Wraps every Tesla call: counts it against the run's bound, refuses once the bound is reached. */
  call: <T>(fn: () => Promise<T>) => Promise<T>;
};

/** Request and time bounds of a run, measured on the real clock (a run must fit a serverless function). */
export function createBudget(limits: SyncLimits) {
  const started = performance.now();
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async call<T>(fn: () => Promise<T>): Promise<T> {
      if (calls >= limits.maxRequests) throw new SyncBudgetExceeded(`${limits.maxRequests} requests`);
      if (performance.now() - started > limits.maxDurationMs) throw new SyncBudgetExceeded(`${limits.maxDurationMs} ms`);
      calls++;
      return fn();
    },
  };
}
