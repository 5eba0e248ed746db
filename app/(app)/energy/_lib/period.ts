import { z } from 'zod';
import { parseLocalDate } from '@/lib/api/dates';
import { addDays, addMonths, weekStart } from '@/lib/time';

export const VIEWS = ['day', 'week', 'month', 'year'] as const;
export type EnergyView = (typeof VIEWS)[number];

/** One period on the site's calendar: local dates `from`..`to` inclusive, and its neighbours' anchors. */
export type EnergyPeriod = {
  view: EnergyView;
  from: string;
  to: string;
  label: string;
  prev: string;
  next: string | null;
  isCurrent: boolean;
};

const viewParam = z.enum(VIEWS);
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Reads `view` and `date` from the URL. A bad view falls back to day, a bad or future date to
 * today, each with a message; the page never fails on them.
 */
export function parseEnergyQuery(
  sp: Record<string, string | string[] | undefined>,
  today: string,
): { view: EnergyView; date: string; site?: string; messages: string[] } {
  const messages: string[] = [];
  const rawView = first(sp.view);
  const view = viewParam.safeParse(rawView ?? 'day');
  if (!view.success) messages.push(`Ignored the view “${String(rawView).slice(0, 20)}”: it is day, week, month or year. Showing the day.`);
  const rawDate = first(sp.date);
  let date = today;
  if (rawDate !== undefined && rawDate !== '') {
    if (!parseLocalDate(rawDate))
      messages.push(`Ignored the date “${rawDate.slice(0, 20)}”: it is not a real date written YYYY-MM-DD. Showing today.`);
    else if (rawDate > today) messages.push(`${rawDate} has not happened yet. Showing today.`);
    else date = rawDate;
  }
  return { view: view.success ? view.data : 'day', date, site: first(sp.site), messages };
}

const fmt = (date: string, o: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-GB', { ...o, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/** The period of `view` containing `date`, with the anchors of the previous and next one (none after today's). */
export function energyPeriod(view: EnergyView, date: string, today: string): EnergyPeriod {
  let from: string;
  let to: string;
  let prev: string;
  let next: string;
  let label: string;
  switch (view) {
    case 'day':
      from = to = date;
      prev = addDays(date, -1);
      next = addDays(date, 1);
      label = fmt(date, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
      break;
    case 'week':
      from = weekStart(date);
      to = addDays(from, 6);
      prev = addDays(from, -7);
      next = addDays(from, 7);
      label = `${fmt(from, { day: 'numeric', month: 'short' })} – ${fmt(to, { day: 'numeric', month: 'short', year: 'numeric' })}`;
      break;
    case 'month':
      from = `${date.slice(0, 7)}-01`;
      next = addMonths(from, 1);
      to = addDays(next, -1);
      prev = addMonths(from, -1);
      label = fmt(from, { month: 'long', year: 'numeric' });
      break;
    case 'year':
      from = `${date.slice(0, 4)}-01-01`;
      to = `${date.slice(0, 4)}-12-31`;
      prev = `${Number(date.slice(0, 4)) - 1}-01-01`;
      next = `${Number(date.slice(0, 4)) + 1}-01-01`;
      label = date.slice(0, 4);
      break;
  }
  return { view, from, to, label, prev, next: next > today ? null : next, isCurrent: from <= today && today <= to };
}

export function energyHref(p: { view: EnergyView; date?: string; site?: string }): string {
  const params = new URLSearchParams({ view: p.view });
  if (p.date) params.set('date', p.date);
  if (p.site) params.set('site', p.site);
  return `/energy?${params.toString()}`;
}

/** Home consumption by source from daily totals: grid import and Powerwall discharge count toward the home first, the rest is solar. */
export function homeBySource(t: { homeConsumedKwh: number; gridImportedKwh: number; batteryDischargedKwh: number }) {
  const grid = Math.min(t.homeConsumedKwh, t.gridImportedKwh);
  const battery = Math.min(t.homeConsumedKwh - grid, t.batteryDischargedKwh);
  const r = (n: number) => Math.round(n * 100) / 100;
  return { solar: r(Math.max(0, t.homeConsumedKwh - grid - battery)), battery: r(battery), grid: r(grid) };
}
