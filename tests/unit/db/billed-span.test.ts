import { describe, expect, it } from 'vitest';
import { withBilledSpan } from '@/db/tables/session-sync-meta';

const at = (iso: string) => new Date(iso);
const polled = { startedAt: at('2026-03-03T14:10:00Z'), endedAt: at('2026-03-03T14:15:00Z'), source: 'polled' };
const billedSpan = { startedAt: '2026-03-03T14:00:00.000Z', endedAt: '2026-03-03T14:36:00.000Z' };

describe('withBilledSpan', () => {
  it('widens a sparse polled span to the billed start and stop, and returns only the two times', () => {
    expect(withBilledSpan(polled, { billedSpan })).toEqual({ startedAt: at(billedSpan.startedAt), endedAt: at(billedSpan.endedAt) });
    expect(withBilledSpan(polled, {})).toEqual({ startedAt: polled.startedAt, endedAt: polled.endedAt });
  });

  it('never narrows: polled edges outside the billed span stay', () => {
    const wide = { startedAt: at('2026-03-03T13:55:00Z'), endedAt: at('2026-03-03T14:40:00Z') };
    expect(withBilledSpan(wide, { billedSpan })).toEqual(wide);
  });

  it('an open session stays open; an unreadable or backwards span is ignored', () => {
    expect(withBilledSpan({ ...polled, endedAt: null }, { billedSpan }).endedAt).toBeNull();
    expect(withBilledSpan(polled, { billedSpan: { startedAt: 'soon', endedAt: billedSpan.endedAt } })).toEqual({
      startedAt: polled.startedAt,
      endedAt: polled.endedAt,
    });
    expect(withBilledSpan(polled, { billedSpan: { startedAt: billedSpan.endedAt, endedAt: billedSpan.startedAt } }).startedAt).toEqual(
      polled.startedAt,
    );
  });
});
