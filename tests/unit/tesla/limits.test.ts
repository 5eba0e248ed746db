import { describe, expect, it } from 'vitest';
import { VirtualClock } from '@/lib/simulator';
import { virtualClock } from '@/lib/tesla';
import { rateWait } from '@/lib/tesla/limiter';
import { DEFAULT_RETRY_AFTER_MS, backoffMs, retryAfterMs } from '@/lib/tesla/responses';

const T0 = Date.UTC(2026, 0, 5);

describe('rateWait (per-second spacing and sliding minute window)', () => {
  it('spaces requests 1000 ms apart at 1 req/s', () => {
    expect(rateWait([], T0, 1, 10)).toBeNull();
    expect(rateWait([T0 - 400], T0, 1, 10)).toEqual({ waitMs: 600, reason: 'per-second' });
    expect(rateWait([T0 - 1000], T0, 1, 10)).toBeNull();
    expect(rateWait([T0 - 100], T0, 4, 10)).toEqual({ waitMs: 150, reason: 'per-second' });
  });

  it('waits until the oldest of the last 10 leaves the 60 s window', () => {
    const ten = Array.from({ length: 10 }, (_, i) => T0 - 50_000 + i * 5_000); // T0-50s … T0-5s
    const wait = rateWait(ten, T0, 1, 10);
    expect(wait?.reason).toBe('per-minute');
    expect(T0 + wait!.waitMs).toBeGreaterThan(ten[0]! + 60_000);
    expect(rateWait(ten, T0 + wait!.waitMs, 1, 10)).toBeNull();
    expect(rateWait(ten.slice(1), T0, 1, 10)).toBeNull();
  });
});

describe('Retry-After and backoff', () => {
  it('reads Retry-After seconds, an HTTP date, the body text, else 5 minutes', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '37' }), '', T0)).toBe(37_000);
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(T0 + 90_000).toUTCString() }), '', T0)).toBe(90_000);
    expect(retryAfterMs(new Headers(), 'Retry in 45509 seconds', T0)).toBe(45_509_000);
    expect(retryAfterMs(new Headers(), '', T0)).toBe(DEFAULT_RETRY_AFTER_MS);
  });

  it('grows exponentially under a cap, with full jitter', () => {
    expect(backoffMs(1, 1000, 8000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 8000, () => 1)).toBe(4000);
    expect(backoffMs(10, 1000, 8000, () => 1)).toBe(8000);
    expect(backoffMs(3, 1000, 8000, () => 0.5)).toBe(2000);
    expect(backoffMs(3, 1000, 8000, () => 0)).toBe(1);
  });
});

describe('virtual clock', () => {
  it('sleeping moves simulated time, not wall time', async () => {
    const source = new VirtualClock(T0);
    const clock = virtualClock(source);
    expect(virtualClock(source)).toBe(clock); // one scheduler per source, shared by every client
    await clock.sleep(90 * 86_400_000);
    expect(source.now()).toBe(T0 + 90 * 86_400_000);
  });

  it('does not advance while a request attempt holds it, then wakes sleepers in order', async () => {
    const source = new VirtualClock(T0);
    const clock = virtualClock(source);
    const seen: number[] = [];
    let release!: () => void;
    const held = clock.hold(() => new Promise<void>((r) => (release = r)));
    const late = clock.sleep(5_000).then(() => seen.push(source.now()));
    const early = clock.sleep(1_000).then(() => seen.push(source.now()));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(source.now()).toBe(T0); // the holder is mid-request: time stands still
    expect(seen).toEqual([]);
    release();
    await held;
    await Promise.all([late, early]);
    expect(seen).toEqual([T0 + 1_000, T0 + 5_000]);
  });
});
