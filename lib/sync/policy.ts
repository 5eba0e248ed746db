import type { Connectivity } from '@/db/schema';

/**
 * Polling policies: when to spend a billable `vehicle_data` call (and, for the naive baseline,
 * a wake). The engine asks once per vehicle per run; every policy sees the same facts, so the
 * benchmark runs baselines through the same engine.
 */
export type LastSample = {
  at: Date;
  activity: 'driving' | 'charging' | 'idle';
  /** Expected end of the activity: the route's arrival time, or the charge's time to full. */
  expectedEndAt: Date | null;
};

export type PolicyInput = {
  now: Date;
  /** What the free state check says now. */
  connectivity: Connectivity;
  /** What the previous state check said (null: never checked). */
  previous: Connectivity | null;
  /** The newest stored vehicle_data sample (null: none yet). */
  last: LastSample | null;
  /** Manual "sync now". */
  fresh: boolean;
};

export type PollDecision = { action: 'none' | 'data' | 'wake'; reason: string };

export interface PollingPolicy {
  readonly name: string;
  decide(input: PolicyInput): PollDecision;
  /**
   * The earliest time the decision could change while the connectivity stays as it is (null: only a
   * connectivity change can). Lets a replay skip ticks without changing any decision.
   */
  nextDecisionAt(input: PolicyInput): Date | null;
}

const MIN = 60_000;
/** Idle back-off: longer than the car's ~15 min sleep timer, so a poll never keeps an idle car awake. */
const IDLE_BACKOFF_MS = 20 * MIN;
/** While driving: at most this long between samples (a parked sample must land before the car sleeps). */
const DRIVING_MAX_GAP_MS = 10 * MIN;
/** While charging: samples for the energy profile (solar split, time-of-use). */
const CHARGING_MAX_GAP_MS = 30 * MIN;
/** Slack after an expected end, so the sample lands just after it. */
const END_SLACK_MS = MIN;

const none = (reason: string): PollDecision => ({ action: 'none', reason });
const data = (reason: string): PollDecision => ({ action: 'data', reason });

/**
 * The product's policy. The state check is free and never wakes the car; `vehicle_data` costs
 * $0.002 and resets the car's ~15-minute sleep timer, so a call is made only when it is news:
 * - asleep or offline: nothing (never a wake);
 * - it just came online (it was asleep/offline, or never sampled): one sample, to see why;
 * - driving: the next sample at the route's arrival time (capped at 10 min), so the parked sample
 *   that ends the drive lands minutes after arrival and costs at most one tick of sleep;
 * - charging: the next sample just after the car expects to be full (capped at 30 min; 10 min while
 *   the end is unknown, e.g. `Starting`), so the idle sample ending it lands before the car sleeps;
 *   the counter is cumulative, so sparse samples still give the whole session's energy;
 * - parked and idle: nothing, so the car falls asleep; if it is still online 20 min after the last
 *   sample, something keeps it awake (a drive or a charge began unseen) and it is sampled again.
 * `fresh` (the owner's "sync now") samples every online car at once.
 */
export const smartPolicy: PollingPolicy = {
  name: 'smart',
  decide({ now, connectivity, previous, last, fresh }) {
    if (connectivity !== 'online') return none('not online: never woken');
    if (fresh) return data('sync now');
    if (!last || previous !== 'online') return data('came online');
    const since = now.getTime() - last.at.getTime();
    if (last.activity === 'idle')
      return since >= IDLE_BACKOFF_MS ? data('still awake after idle back-off') : none('idle: letting it sleep');
    return now.getTime() >= smartDue(last) ? data(`${last.activity}: sample due`) : none(`${last.activity}: next sample later`);
  },
  nextDecisionAt({ now, connectivity, last }) {
    if (connectivity !== 'online') return null;
    return last ? new Date(smartDue(last)) : now;
  },
};

function smartDue(last: NonNullable<PolicyInput['last']>): number {
  if (last.activity === 'idle') return last.at.getTime() + IDLE_BACKOFF_MS;
  const cap = last.activity === 'driving' || !last.expectedEndAt ? DRIVING_MAX_GAP_MS : CHARGING_MAX_GAP_MS;
  return Math.min(last.at.getTime() + cap, last.expectedEndAt ? last.expectedEndAt.getTime() + END_SLACK_MS : Infinity);
}

/** Baseline: vehicle_data every tick (5 min), waking the car when it is asleep. */
export const naivePolicy: PollingPolicy = {
  name: 'naive',
  decide({ connectivity }) {
    if (connectivity === 'online') return data('every tick');
    return connectivity === 'asleep' ? { action: 'wake', reason: 'asleep: wake it' } : none('offline');
  },
  nextDecisionAt: ({ now }) => now,
};

/** Baseline: vehicle_data every 10 minutes while the car is online (Home Assistant's default). */
export const tenMinutePolicy: PollingPolicy = {
  name: 'ten_minute',
  decide({ now, connectivity, last, fresh }) {
    if (connectivity !== 'online') return none('not online');
    if (fresh || !last || now.getTime() - last.at.getTime() >= 10 * MIN - 30_000) return data('10-minute interval');
    return none('interval not elapsed');
  },
  nextDecisionAt: ({ now, connectivity, last }) =>
    connectivity !== 'online' ? null : last ? new Date(last.at.getTime() + 10 * MIN - 30_000) : now,
};

export const POLICIES = { smart: smartPolicy, naive: naivePolicy, ten_minute: tenMinutePolicy } as const;
