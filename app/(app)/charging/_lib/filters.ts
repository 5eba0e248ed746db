import { z } from 'zod';
import type { ChargingSessionFilter } from '@/db/queries/charging';
import { CHARGE_SOURCES, CHARGER_KINDS } from '@/db/schema';
import { clock } from '@/lib/clock';
import { addDays, addMonths, dayStart, today as todayIn } from '@/lib/time';

/** Periods the table offers; a month (`YYYY-MM`) comes from the statistics' links. Default: 90 days. */
export const PERIODS = [
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: '12m', label: 'Last 12 months' },
  { value: 'all', label: 'All time' },
] as const;
export const DEFAULT_PERIOD = '90d';
export const PAGE_SIZE = 25;

export const SOURCE_LABELS: Record<(typeof CHARGE_SOURCES)[number], string> = {
  polled: 'Polled',
  wall_connector: 'Wall Connector',
  supercharger_history: 'Supercharger',
  inferred: 'Inferred',
};
export const CHARGER_LABELS: Record<(typeof CHARGER_KINDS)[number], string> = { ac: 'AC', dc: 'DC', supercharger: 'Supercharger' };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const uuid = z.uuid();
const fields = {
  vehicle: uuid,
  location: uuid,
  source: z.enum(CHARGE_SOURCES),
  type: z.enum(CHARGER_KINDS),
  period: z.union([z.enum(PERIODS.map((p) => p.value) as ['30d', '90d', '12m', 'all']), z.string().regex(MONTH)]),
  page: z.coerce.number().int().min(1).max(10_000),
};
type Key = keyof typeof fields;
const NAMES: Record<Key, string> = {
  vehicle: 'vehicle',
  location: 'location',
  source: 'source',
  type: 'charger type',
  period: 'period',
  page: 'page',
};

export type TableQuery = {
  vehicle?: string;
  location?: string;
  source?: (typeof CHARGE_SOURCES)[number];
  type?: (typeof CHARGER_KINDS)[number];
  period: string;
  page: number;
};

/**
 * Reads the table's filters from the URL. A value that does not parse (or names a vehicle or
 * location that does not exist) is dropped with a message saying so; the page never fails on it.
 */
export function parseTableQuery(
  sp: Record<string, string | string[] | undefined>,
  known: { vehicles: Set<string>; locations: Set<string> },
): { query: TableQuery; messages: string[] } {
  const messages: string[] = [];
  const out: Partial<Record<Key, unknown>> = {};
  for (const key of Object.keys(fields) as Key[]) {
    const raw = sp[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === '') continue;
    const parsed = fields[key].safeParse(value);
    const exists = key === 'vehicle' ? known.vehicles.has(value) : key === 'location' ? known.locations.has(value) : true;
    if (parsed.success && exists) out[key] = parsed.data;
    else messages.push(`Ignored the ${NAMES[key]} filter: “${value.slice(0, 40)}” is not ${exists ? 'a valid value' : 'known'}.`);
  }
  return {
    query: {
      ...(out as Partial<TableQuery>),
      period: (out.period as string | undefined) ?? DEFAULT_PERIOD,
      page: (out.page as number | undefined) ?? 1,
    },
    messages,
  };
}

/** The period as an instant range in the owner's zone ([from, to); `all` has no bounds). */
export function periodRange(period: string, timeZone: string, now = clock.now()): { from?: Date; to?: Date } {
  const today = todayIn(timeZone, now);
  const month = MONTH.exec(period);
  if (month) return { from: dayStart(`${period}-01`, timeZone), to: dayStart(addMonths(`${period}-01`, 1), timeZone) };
  if (period === 'all') return {};
  if (period === '12m') return { from: dayStart(addMonths(today, -11), timeZone) };
  return { from: dayStart(addDays(today, period === '30d' ? -29 : -89), timeZone) };
}

export function periodLabel(period: string): string {
  const known = PERIODS.find((p) => p.value === period);
  if (known) return known.label;
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export const toSessionFilter = (q: TableQuery, range: { from?: Date; to?: Date }): ChargingSessionFilter => ({
  vehicleId: q.vehicle,
  locationId: q.location,
  source: q.source,
  chargerType: q.type,
  ...range,
});

/** The URL of the table with `patch` applied to the current query (undefined removes a key). */
export function tableHref(q: TableQuery, patch: Partial<Record<keyof TableQuery, string | number | undefined>>): string {
  const merged: Record<string, string | number | undefined> = { ...q, ...patch };
  if (merged.period === DEFAULT_PERIOD) delete merged.period;
  if (merged.page === 1) delete merged.page;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `/charging?${s}` : '/charging';
}
