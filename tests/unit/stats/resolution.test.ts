import { describe, expect, it } from 'vitest';
import { bucketResolution, resolutionOf } from '@/lib/stats';

/** What the energy and charging pages say about the history's resolution (issue 13, known difference 3). */
const at = (h: number, m = 0) => new Date(Date.UTC(2026, 2, 2, h, m));
const span = (from: Date, minutes: number) => ({ startAt: from, endAt: new Date(from.getTime() + minutes * 60_000) });

describe('history resolution', () => {
  it('5-minute buckets are fine; hourly and daily ones are coarse', () => {
    expect(resolutionOf(5)).toEqual({ minutes: 5, coarse: false, words: '5-minute' });
    expect(resolutionOf(60)).toEqual({ minutes: 60, coarse: true, words: 'hourly' });
    expect(resolutionOf(1440)).toEqual({ minutes: 1440, coarse: true, words: 'daily' });
  });

  it("a day's buckets: the most common length, not the current one cut at the moment it was read", () => {
    const hourly = [span(at(8), 60), span(at(9), 60), span(at(10), 20)];
    expect(bucketResolution(hourly)?.words).toBe('hourly');
    const fine = [span(at(8), 5), span(at(8, 5), 5), span(at(8, 10), 2)];
    expect(bucketResolution(fine)).toMatchObject({ minutes: 5, coarse: false });
    expect(bucketResolution([span(at(0), 620)])?.words).toBe('daily');
    expect(bucketResolution([])).toBeNull();
  });
});
