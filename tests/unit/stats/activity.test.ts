import { describe, expect, it } from 'vitest';
import { activityIntervals, activityTotals, idleDrain } from '@/lib/stats';
import { splitByLocalDay } from '@/lib/time';
import { at, HOUR, MIN, state } from './helpers';

describe('activityIntervals', () => {
  const window = { from: at('2026-03-01T00:00:00Z'), to: at('2026-03-01T12:00:00Z') };
  const observations = [
    { at: at('2026-03-01T00:00:00Z'), state: 'asleep' as const },
    { at: at('2026-03-01T06:00:00Z'), state: 'online' as const },
    { at: at('2026-03-01T06:05:00Z'), state: 'online' as const },
    { at: at('2026-03-01T08:00:00Z'), state: 'asleep' as const },
  ];

  it('carries observations forward up to the 30-minute gap limit, overlays drives and charges, and merges', () => {
    const obs = [...observations];
    for (let m = 5; m < 360; m += 5) obs.push({ at: new Date(at('2026-03-01T00:00:00Z').getTime() + m * MIN), state: 'asleep' });
    const intervals = activityIntervals({
      observations: obs,
      drives: [{ startedAt: at('2026-03-01T06:10:00Z'), endedAt: at('2026-03-01T06:40:00Z') }],
      charges: [{ startedAt: at('2026-03-01T06:50:00Z'), endedAt: at('2026-03-01T07:20:00Z') }],
      window,
    });
    expect(intervals.map((i) => [i.from.toISOString().slice(11, 16), i.state])).toEqual([
      ['00:00', 'asleep'],
      ['06:00', 'online'],
      ['06:10', 'driving'],
      ['06:40', 'unknown'],
      ['06:50', 'charging'],
      ['07:20', 'unknown'],
      ['08:00', 'asleep'],
      ['08:30', 'unknown'],
    ]);
    const totals = activityTotals(intervals);
    expect(totals.ms.asleep).toBe(6.5 * HOUR);
    expect(totals.ms.unknown).toBe(4 * HOUR + 20 * MIN);
    expect(totals.asleepShare).toBeCloseTo(6.5 / (12 - 4 - 1 / 3), 6);
  });

  it('extends an ongoing drive to the end of the window', () => {
    const intervals = activityIntervals({
      observations,
      drives: [{ startedAt: at('2026-03-01T11:00:00Z'), endedAt: null }],
      charges: [],
      window,
    });
    expect(intervals.at(-1)).toEqual({ from: at('2026-03-01T11:00:00Z'), to: window.to, state: 'driving' });
  });
});

describe('idleDrain', () => {
  it('sums parked, non-charging losses per local day, splitting a night at local midnight', () => {
    const states = [
      state('2026-03-01T20:00:00Z', { batteryLevel: 80 }),
      state('2026-03-02T06:00:00Z', { batteryLevel: 78 }),
      state('2026-03-02T07:00:00Z', { batteryLevel: 78, shiftState: 'D' }),
      state('2026-03-02T08:00:00Z', { batteryLevel: 70, odometerKm: 10_040 }),
      state('2026-03-02T18:00:00Z', { batteryLevel: 69, odometerKm: 10_040 }),
    ];
    const days = idleDrain({ states, drives: [], charges: [], timeZone: 'Europe/Amsterdam', batteryCapacityKwh: 75 });
    // 20:00Z-06:00Z = 21:00-07:00 local: 3 h on Mar 1, 7 h on Mar 2; 2 % over 10 h.
    expect(days).toEqual([
      { date: '2026-03-01', drainPct: 0.6, parkedHours: 3, drainKwh: 0.45, pctPer24h: 4.8 },
      { date: '2026-03-02', drainPct: 2.4, parkedHours: 17, drainKwh: 1.8, pctPer24h: 3.388 },
    ]);
  });

  it('ignores spans overlapping a charge', () => {
    const states = [state('2026-03-01T20:00:00Z', { batteryLevel: 80 }), state('2026-03-02T06:00:00Z', { batteryLevel: 78 })];
    const charges = [{ startedAt: at('2026-03-01T22:00:00Z'), endedAt: at('2026-03-01T22:30:00Z') }];
    expect(idleDrain({ states, drives: [], charges, timeZone: 'UTC' })).toEqual([]);
  });
});

describe('splitByLocalDay', () => {
  it('is exact across a DST change (a 23-hour local day)', () => {
    const pieces = splitByLocalDay({ from: at('2026-03-28T12:00:00Z'), to: at('2026-03-30T12:00:00Z') }, 'Europe/Amsterdam');
    expect(pieces.map((p) => [p.date, (p.to.getTime() - p.from.getTime()) / HOUR])).toEqual([
      ['2026-03-28', 11],
      ['2026-03-29', 23],
      ['2026-03-30', 14],
    ]);
  });
});
