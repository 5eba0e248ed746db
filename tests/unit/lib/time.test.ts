import { afterEach, describe, expect, it } from 'vitest';
import { clock, parseClockSetting, setClock } from '@/lib/clock';
import {
  addDays,
  addMonths,
  dayOf,
  dayStart,
  daysBetween,
  knownZone,
  localDay,
  localMonth,
  localParts,
  shiftDay,
  splitByLocalDay,
  today,
  weekStart,
} from '@/lib/time';

const HOUR = 3_600_000;
const iso = (d: Date) => d.toISOString();

describe('lib/time: local days in a zone', () => {
  it('a day is 23 or 25 hours on the days daylight saving changes (Amsterdam and Los Angeles)', () => {
    const spring = dayOf('2026-03-29', 'Europe/Amsterdam');
    expect(iso(spring.start)).toBe('2026-03-28T23:00:00.000Z');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * HOUR);
    const autumn = dayOf('2026-10-25', 'Europe/Amsterdam');
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * HOUR);
    expect(dayOf('2026-03-08', 'America/Los_Angeles').end.getTime() - dayStart('2026-03-08', 'America/Los_Angeles').getTime()).toBe(
      23 * HOUR,
    );
    expect(dayOf('2026-11-01', 'America/Los_Angeles').end.getTime() - dayStart('2026-11-01', 'America/Los_Angeles').getTime()).toBe(
      25 * HOUR,
    );
  });

  it('the local day of an instant, around midnight and across the date line', () => {
    expect(localDay(new Date('2026-12-06T23:20:00Z'), 'Europe/Amsterdam')).toEqual({
      date: '2026-12-07',
      start: new Date('2026-12-06T23:00:00Z'),
      end: new Date('2026-12-07T23:00:00Z'),
    });
    expect(localDay(new Date('2026-12-07T07:59:59Z'), 'America/Los_Angeles').date).toBe('2026-12-06');
    expect(localDay(new Date('2026-12-07T11:00:00Z'), 'Pacific/Auckland').date).toBe('2026-12-08');
    // Where midnight does not exist (Santiago moves 00:00 to 01:00), the day starts at 01:00.
    expect(iso(dayStart('2026-09-06', 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
  });

  it('shifts days and months by the calendar, not by 24 hours', () => {
    expect(shiftDay(new Date('2026-03-29T10:00:00Z'), 1, 'Europe/Amsterdam')).toEqual(dayOf('2026-03-30', 'Europe/Amsterdam'));
    expect(shiftDay(new Date('2026-03-30T10:00:00Z'), -1, 'Europe/Amsterdam').date).toBe('2026-03-29');
    const jan = localMonth(new Date('2026-01-01T00:30:00+01:00'), 0, 'Europe/Amsterdam');
    expect([iso(jan.start), iso(jan.end)]).toEqual(['2025-12-31T23:00:00.000Z', '2026-01-31T23:00:00.000Z']);
    expect(iso(localMonth(new Date('2026-01-01T00:30:00+01:00'), 1, 'Europe/Amsterdam').start)).toBe('2025-11-30T23:00:00.000Z');
  });

  it('calendar arithmetic on dates', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-01');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-01');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(weekStart('2026-12-06')).toBe('2026-11-30'); // a Sunday: its week began on Monday
    expect(weekStart('2026-12-07')).toBe('2026-12-07');
  });

  it('splits an interval at local midnights, DST days included', () => {
    const pieces = splitByLocalDay({ from: new Date('2026-03-28T22:00:00Z'), to: new Date('2026-03-30T01:00:00Z') }, 'Europe/Amsterdam');
    expect(pieces.map((p) => [p.date, iso(p.from), iso(p.to)])).toEqual([
      ['2026-03-28', '2026-03-28T22:00:00.000Z', '2026-03-28T23:00:00.000Z'],
      ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
      ['2026-03-30', '2026-03-29T22:00:00.000Z', '2026-03-30T01:00:00.000Z'],
    ]);
  });

  it('local fields and zones: unknown zones throw, stored ones fall back to UTC', () => {
    expect(localParts(new Date('2026-10-25T01:30:00Z'), 'Europe/Amsterdam')).toMatchObject({
      date: '2026-10-25',
      minuteOfDay: 150,
      weekday: 0,
    });
    expect(localParts(new Date('2026-10-25T00:30:00Z'), 'Europe/Amsterdam')).toMatchObject({ minuteOfDay: 150 }); // 02:30 twice
    expect(() => localParts(new Date(), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => dayStart('2026-01-01', 'Mars/Olympus')).toThrow(RangeError);
    expect(knownZone('Mars/Olympus')).toBe('UTC');
    expect(knownZone(null)).toBe('UTC');
    expect(knownZone('Europe/Amsterdam')).toBe('Europe/Amsterdam');
  });
});

describe('lib/clock: the app clock', () => {
  afterEach(() => setClock());

  it('reads TESSIE_CLOCK as an instant, optionally anchored to a wall-clock moment', () => {
    expect(parseClockSetting('2026-03-29T00:05:00+01:00')).toEqual({ at: Date.parse('2026-03-28T23:05:00Z'), anchor: null });
    expect(parseClockSetting('2026-03-29T00:05:00Z@1796000000000')).toEqual({
      at: Date.parse('2026-03-29T00:05:00Z'),
      anchor: 1796000000000,
    });
    for (const bad of ['2026-03-29', '2026-03-29T00:05:00', 'tomorrow', '2026-03-29T00:05:00Z@soon', '2026-03-29T00:05:00Z@1@2'])
      expect(parseClockSetting(bad), bad).toBeUndefined();
  });

  it('runs on from a set moment, or stands still when frozen; today follows it', () => {
    setClock(new Date('2026-12-31T23:59:59.900+01:00'));
    expect(today('Europe/Amsterdam')).toBe('2026-12-31');
    expect(clock.isShifted()).toBe(true);
    setClock(new Date('2027-01-01T00:00:00+01:00'), { frozen: true });
    expect(today('Europe/Amsterdam')).toBe('2027-01-01');
    expect(today('America/Los_Angeles')).toBe('2026-12-31');
    expect(clock.ms()).toBe(Date.parse('2027-01-01T00:00:00+01:00'));
  });
});
