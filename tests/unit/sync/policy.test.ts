import { describe, expect, it } from 'vitest';
import { naivePolicy, smartPolicy, tenMinutePolicy, type LastSample, type PolicyInput } from '@/lib/sync/policy';

const T0 = new Date('2026-03-02T08:00:00Z');
const min = (n: number) => new Date(T0.getTime() + n * 60_000);
const input = (over: Partial<PolicyInput>): PolicyInput => ({
  now: T0,
  connectivity: 'online',
  previous: 'online',
  last: null,
  fresh: false,
  ...over,
});
const sample = (activity: LastSample['activity'], atMin: number, endMin?: number): LastSample => ({
  at: min(atMin),
  activity,
  expectedEndAt: endMin === undefined ? null : min(endMin),
});

describe('smart polling policy', () => {
  it('never wakes or samples a car that is asleep or offline, even for "sync now"', () => {
    for (const connectivity of ['asleep', 'offline'] as const) {
      expect(smartPolicy.decide(input({ connectivity })).action).toBe('none');
      expect(smartPolicy.decide(input({ connectivity, fresh: true })).action).toBe('none');
      expect(smartPolicy.nextDecisionAt(input({ connectivity }))).toBeNull();
    }
  });

  it('samples once when the car comes online, then leaves an idle car alone so it can sleep', () => {
    expect(smartPolicy.decide(input({ previous: 'asleep', last: sample('idle', -300) })).action).toBe('data');
    expect(smartPolicy.decide(input({ now: min(5), last: sample('idle', 0) })).action).toBe('none');
    expect(smartPolicy.decide(input({ now: min(15), last: sample('idle', 0) })).action).toBe('none');
    // Still online 20 min after an idle sample: something keeps it awake, look again.
    expect(smartPolicy.decide(input({ now: min(20), last: sample('idle', 0) })).action).toBe('data');
    expect(smartPolicy.nextDecisionAt(input({ last: sample('idle', 0) }))).toEqual(min(20));
  });

  it('samples a driving car at its arrival time (at most 10 min apart)', () => {
    expect(smartPolicy.decide(input({ now: min(5), last: sample('driving', 0, 30) })).action).toBe('none');
    expect(smartPolicy.decide(input({ now: min(10), last: sample('driving', 0, 30) })).action).toBe('data');
    expect(smartPolicy.decide(input({ now: min(5), last: sample('driving', 0, 3) })).action).toBe('data');
    expect(smartPolicy.nextDecisionAt(input({ last: sample('driving', 0, 3) }))).toEqual(min(4));
  });

  it('samples a charging car just after its expected end, at most every 30 min, every 10 min when the end is unknown', () => {
    expect(smartPolicy.decide(input({ now: min(25), last: sample('charging', 0, 120) })).action).toBe('none');
    expect(smartPolicy.decide(input({ now: min(30), last: sample('charging', 0, 120) })).action).toBe('data');
    expect(smartPolicy.nextDecisionAt(input({ last: sample('charging', 0, 12) }))).toEqual(min(13));
    expect(smartPolicy.nextDecisionAt(input({ last: sample('charging', 0) }))).toEqual(min(10));
  });

  it('"sync now" samples every online car regardless of the back-off', () => {
    expect(smartPolicy.decide(input({ now: min(1), last: sample('idle', 0), fresh: true })).action).toBe('data');
  });
});

describe('baseline policies', () => {
  it('naive samples every tick and wakes a sleeping car', () => {
    expect(naivePolicy.decide(input({ last: sample('idle', -1) })).action).toBe('data');
    expect(naivePolicy.decide(input({ connectivity: 'asleep' })).action).toBe('wake');
    expect(naivePolicy.decide(input({ connectivity: 'offline' })).action).toBe('none');
  });

  it('the 10-minute poller samples an online car every 10 minutes and never wakes one', () => {
    expect(tenMinutePolicy.decide(input({ now: min(5), last: sample('idle', 0) })).action).toBe('none');
    expect(tenMinutePolicy.decide(input({ now: min(10), last: sample('idle', 0) })).action).toBe('data');
    expect(tenMinutePolicy.decide(input({ connectivity: 'asleep' })).action).toBe('none');
  });
});
