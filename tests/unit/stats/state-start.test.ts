import { describe, expect, it } from 'vitest';
import { stateStart, type StateStretch } from '@/lib/stats/state-start';

const t = (hhmm: string, day = '2026-12-07') => new Date(`${day}T${hhmm}:00Z`);
/** Newest first, as the dashboard reads them. */
const s = (state: string, from: string, to: string, day?: string): StateStretch => ({
  state,
  startedAt: t(from, day),
  lastSeenAt: t(to, day),
});

describe('stateStart (issue 21 item 4)', () => {
  it('an observed change: the new stretch starts at the check that closed the previous one', () => {
    expect(stateStart([s('asleep', '23:10', '23:55', '2026-12-06'), s('online', '21:00', '23:10', '2026-12-06')], null)).toEqual({
      at: t('23:10', '2026-12-06'),
      observed: true,
    });
  });

  it('the same state on both sides of a gap (the app was not running) holds through it: not the app’s start time', () => {
    const stretches = [
      s('asleep', '02:14', '02:40'),
      s('asleep', '23:10', '23:50', '2026-12-06'),
      s('online', '21:00', '23:10', '2026-12-06'),
    ];
    expect(stateStart(stretches, t('22:30', '2026-12-06'))).toEqual({ at: t('23:10', '2026-12-06'), observed: true });
  });

  it('a drive or charge after the earlier stretch breaks the chain: only when the app first saw it', () => {
    const stretches = [
      s('asleep', '02:14', '02:40'),
      s('asleep', '23:10', '23:50', '2026-12-06'),
      s('online', '21:00', '23:10', '2026-12-06'),
    ];
    expect(stateStart(stretches, t('01:00'))).toEqual({ at: t('02:14'), observed: false });
  });

  it('another state before a gap, or the first check ever: seen since, not began', () => {
    expect(stateStart([s('asleep', '02:14', '02:40'), s('online', '21:00', '23:10', '2026-12-06')], null)).toEqual({
      at: t('02:14'),
      observed: false,
    });
    expect(stateStart([s('offline', '02:14', '02:40')], null)).toEqual({ at: t('02:14'), observed: false });
    expect(stateStart([], null)).toBeNull();
  });
});
