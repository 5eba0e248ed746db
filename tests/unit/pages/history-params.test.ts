import { describe, expect, it } from 'vitest';
import { DEFAULT_PERIOD, parseTableQuery, periodRange, tableHref } from '@/app/(app)/charging/_lib/filters';
import { addMonths, dayStart as localMidnight } from '@/lib/time';
import { energyPeriod, homeBySource, parseEnergyQuery } from '@/app/(app)/energy/_lib/period';

const V = '11111111-1111-4111-8111-111111111111';
const L = '22222222-2222-4222-8222-222222222222';
const known = { vehicles: new Set([V]), locations: new Set([L]) };

describe('charging table query', () => {
  it('keeps valid filters and defaults the period and page', () => {
    expect(parseTableQuery({ vehicle: V, location: L, source: 'wall_connector', type: 'dc', page: '3' }, known)).toEqual({
      query: { vehicle: V, location: L, source: 'wall_connector', type: 'dc', period: DEFAULT_PERIOD, page: 3 },
      messages: [],
    });
    expect(parseTableQuery({ period: '2026-02' }, known).query.period).toBe('2026-02');
  });

  it('drops bad or unknown values with a message each, never throwing', () => {
    const { query, messages } = parseTableQuery(
      {
        vehicle: '33333333-3333-4333-8333-333333333333',
        location: "1' or 1=1",
        source: 'solar',
        type: ['ac', 'dc'],
        period: '2026-13',
        page: '0',
      },
      known,
    );
    expect(query).toEqual({ type: 'ac', period: DEFAULT_PERIOD, page: 1 });
    expect(messages).toHaveLength(5);
    expect(messages[0]).toBe('Ignored the vehicle filter: “33333333-3333-4333-8333-333333333333” is not known.');
    expect(messages.join(' ')).toContain('Ignored the page filter: “0” is not a valid value.');
  });

  it('turns periods into instants at the owner’s local midnights', () => {
    const now = new Date('2026-03-30T10:00:00Z'); // Berlin switched to summer time on 29 March
    expect(periodRange('2026-03', 'Europe/Berlin', now)).toEqual({
      from: new Date('2026-02-28T23:00:00Z'),
      to: new Date('2026-03-31T22:00:00Z'),
    });
    expect(periodRange('30d', 'Europe/Berlin', now)).toEqual({ from: new Date('2026-02-28T23:00:00Z') });
    expect(periodRange('12m', 'America/New_York', now)).toEqual({ from: new Date('2025-04-01T04:00:00Z') });
    expect(periodRange('all', 'UTC', now)).toEqual({});
  });

  it('links pages and filters without repeating defaults', () => {
    const q = { source: 'polled' as const, period: DEFAULT_PERIOD, page: 2 };
    expect(tableHref(q, { page: 1 })).toBe('/charging?source=polled');
    expect(tableHref(q, { page: 3, period: '12m' })).toBe('/charging?source=polled&period=12m&page=3');
  });

  it('computes local midnights and months across DST and year ends', () => {
    expect(localMidnight('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(localMidnight('2026-10-26', 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(localMidnight('2026-01-01', 'Asia/Kolkata').toISOString()).toBe('2025-12-31T18:30:00.000Z');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-01');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-01');
  });
});

describe('energy periods', () => {
  const today = '2026-11-27'; // a Friday
  it('finds the day, week (from Monday), month and year around a date, with no next after today', () => {
    expect(energyPeriod('day', today, today)).toMatchObject({
      from: today,
      to: today,
      prev: '2026-11-26',
      next: null,
      isCurrent: true,
      label: 'Fri, 27 Nov 2026',
    });
    expect(energyPeriod('week', today, today)).toMatchObject({ from: '2026-11-23', to: '2026-11-29', prev: '2026-11-16', next: null });
    expect(energyPeriod('week', '2026-11-22', today)).toMatchObject({
      from: '2026-11-16',
      to: '2026-11-22',
      next: '2026-11-23',
      isCurrent: false,
    });
    expect(energyPeriod('month', '2024-02-10', today)).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-29',
      prev: '2024-01-01',
      next: '2024-03-01',
      label: 'February 2024',
    });
    expect(energyPeriod('year', '2025-06-01', today)).toMatchObject({
      from: '2025-01-01',
      to: '2025-12-31',
      prev: '2024-01-01',
      next: '2026-01-01',
      label: '2025',
    });
  });

  it('falls back to the day view and today on bad input, with messages', () => {
    expect(parseEnergyQuery({ view: 'month', date: '2026-05-05' }, today)).toEqual({
      view: 'month',
      date: '2026-05-05',
      site: undefined,
      messages: [],
    });
    const bad = parseEnergyQuery({ view: 'decade', date: '2026-02-30' }, today);
    expect(bad).toMatchObject({ view: 'day', date: today });
    expect(bad.messages).toHaveLength(2);
    expect(parseEnergyQuery({ date: '2027-01-01' }, today)).toMatchObject({
      date: today,
      messages: ['2027-01-01 has not happened yet. Showing today.'],
    });
  });

  it('splits the home’s consumption: grid first, then Powerwall, the rest solar', () => {
    expect(homeBySource({ homeConsumedKwh: 20, gridImportedKwh: 5, batteryDischargedKwh: 6 })).toEqual({ solar: 9, battery: 6, grid: 5 });
    expect(homeBySource({ homeConsumedKwh: 4, gridImportedKwh: 3, batteryDischargedKwh: 6 })).toEqual({ solar: 0, battery: 1, grid: 3 });
  });
});
