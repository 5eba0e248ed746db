import { describe, expect, it } from 'vitest';
import { HISTORY_PAGE_SIZE, SWEEP_MS, historyBackoffMs, morePages } from '@/lib/sync/supercharger-history';

const HOUR = 3_600_000;

describe('Supercharger history paging', () => {
  it('reads on past an empty page while totalResults counts entries not yet read', () => {
    // Page 1 empty, 60 counted: the pages the count implies are not all read.
    expect(morePages({ total: 60, read: 0, pageNo: 1, entries: 0 })).toBe(true);
    // Page 2 held entries but fewer than counted: Tesla may page smaller than asked, go on.
    expect(morePages({ total: 60, read: 10, pageNo: 2, entries: 10 })).toBe(true);
    // Past the implied pages an empty page ends it.
    expect(morePages({ total: 60, read: 10, pageNo: 3, entries: 0 })).toBe(false);
  });

  it('stops once every counted entry came, and without a count at a short page', () => {
    expect(morePages({ total: 1, read: 1, pageNo: 1, entries: 1 })).toBe(false);
    expect(morePages({ total: 0, read: 0, pageNo: 1, entries: 0 })).toBe(false);
    expect(morePages({ total: null, read: HISTORY_PAGE_SIZE, pageNo: 1, entries: HISTORY_PAGE_SIZE })).toBe(true);
    expect(morePages({ total: null, read: 3, pageNo: 1, entries: 3 })).toBe(false);
  });
});

describe('Supercharger history back-off', () => {
  it('1 h after the first failure, doubling, never longer than the weekly sweep', () => {
    expect([1, 2, 3, 4].map(historyBackoffMs)).toEqual([HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR]);
    expect(historyBackoffMs(20)).toBe(SWEEP_MS);
  });
});
