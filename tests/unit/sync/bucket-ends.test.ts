import { describe, expect, it } from 'vitest';
import { bucketEnds } from '@/lib/sync/energy-history';

/** Where each calendar_history bucket ends, read from the data (issue 13, known difference 3). */
const t = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00+01:00`);
const day = { end: new Date(t('00:00').getTime() + 86_400_000) };
const iso = (ds: Date[]) => ds.map((d) => d.toISOString());
const afterDay = new Date(day.end.getTime() + 3_600_000);

describe('bucketEnds', () => {
  it('5-minute buckets with a hole: each is 5 minutes, the one before the hole does not stretch over it', () => {
    const starts = [t('00:00'), t('08:45'), t('08:50'), t('08:55')];
    expect(iso(bucketEnds(starts, day, afterDay))).toEqual(iso([t('00:05'), t('08:50'), t('08:55'), t('09:00')]));
  });

  it('hourly buckets: the last of the day is an hour too, not 5 minutes', () => {
    const starts = Array.from({ length: 24 }, (_, h) => t(`${String(h).padStart(2, '0')}:00`));
    const ends = bucketEnds(starts, day, afterDay);
    expect(ends.map((e, i) => e.getTime() - starts[i]!.getTime())).toEqual(Array(24).fill(3_600_000));
    expect(ends.at(-1)!.toISOString()).toBe(day.end.toISOString());
  });

  it('one bucket for the day (even timestamped 01:00, as the Owner API sent it) runs to the day end', () => {
    expect(iso(bucketEnds([t('00:00')], day, afterDay))).toEqual(iso([day.end]));
    expect(iso(bucketEnds([t('01:00')], day, afterDay))).toEqual(iso([day.end]));
  });

  it('the current bucket ends when it was read: it holds the energy so far', () => {
    expect(iso(bucketEnds([t('09:00'), t('10:00')], day, t('10:20')))).toEqual(iso([t('10:00'), t('10:20')]));
    expect(iso(bucketEnds([t('00:00')], day, t('10:20')))).toEqual(iso([t('10:20')]));
  });
});
