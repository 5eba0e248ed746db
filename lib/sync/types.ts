import type { Db } from '@/db/client';
import type { TeslaClient } from '@/lib/tesla';
import type { PollingPolicy } from './policy';
import type { SyncTrigger } from './runs';

/** Bounds of one run (it must fit a serverless function). */
export type SyncLimits = {
  /** Tesla client calls per run (cache hits included). Default 60. */
  maxRequests: number;
  /** Wall-clock time per run; steps not started by then are left for the next run. Default 45 s. */
  maxDurationMs: number;
  /** Vehicles per run, least recently synced first. Default 25. */
  maxVehicles: number;
  /**
   * Longest gap between two state checks that still counts as continuous observation (activity
   * stretches, the policy's "previous state"). Default 20 min: four 5-minute cron ticks may fail.
   */
  observationGapMs: number;
};

export type SyncDeps = {
  db: Db;
  tesla: TeslaClient;
  /** The run's notion of time (the simulator's virtual clock in demo seeding and tests). */
  now: () => Date;
  policy?: PollingPolicy;
  limits?: Partial<SyncLimits>;
};

export type SyncOptions = {
  trigger: SyncTrigger;
  /** The owner's "sync now": read every online vehicle regardless of idle back-off (never wakes one). */
  fresh?: boolean;
};

export type SyncSummary = {
  runId: string | null;
  status: 'succeeded' | 'failed' | 'skipped';
  counts: Record<string, number>;
  requests: number;
  error?: string;
};

export const DEFAULT_LIMITS: SyncLimits = { maxRequests: 60, maxDurationMs: 45_000, maxVehicles: 25, observationGapMs: 20 * 60_000 };
