/**
 * How numbers and times are shown. Values arrive metric (km, kWh, W, °C) and are converted for
 * display only, per the owner's preferences. Pure functions: usable in server and client components.
 */
export const KM_PER_MILE = 1.609344;

export type DisplayUnits = { distanceUnit: 'km' | 'mi'; temperatureUnit: 'C' | 'F'; currency: string; timeZone: string };

const nf = (digits: number) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const NONE = '–';

export function formatNumber(v: number | null | undefined, digits = 0): string {
  return v == null || !Number.isFinite(v) ? NONE : nf(digits).format(v);
}

/** A distance given in km, in the owner's unit. */
export function formatDistance(km: number | null | undefined, u: Pick<DisplayUnits, 'distanceUnit'>, digits = 1): string {
  if (km == null) return NONE;
  return u.distanceUnit === 'mi' ? `${formatNumber(km / KM_PER_MILE, digits)} mi` : `${formatNumber(km, digits)} km`;
}

/** Efficiency given in Wh/km, in Wh/km or Wh/mi. */
export function formatEfficiency(whPerKm: number | null | undefined, u: Pick<DisplayUnits, 'distanceUnit'>): string {
  if (whPerKm == null) return NONE;
  return u.distanceUnit === 'mi' ? `${formatNumber(whPerKm * KM_PER_MILE)} Wh/mi` : `${formatNumber(whPerKm)} Wh/km`;
}

export function formatTemperature(c: number | null | undefined, u: Pick<DisplayUnits, 'temperatureUnit'>): string {
  if (c == null) return NONE;
  return u.temperatureUnit === 'F' ? `${formatNumber(c * 1.8 + 32)} °F` : `${formatNumber(c)} °C`;
}

export const formatKwh = (kwh: number | null | undefined, digits = 1) => (kwh == null ? NONE : `${formatNumber(kwh, digits)} kWh`);

/** Power given in W: kW from 1 kW up, W below. */
export function formatPower(w: number | null | undefined): string {
  if (w == null) return NONE;
  return Math.abs(w) >= 1000 ? `${formatNumber(w / 1000, 1)} kW` : `${formatNumber(w)} W`;
}

export const formatPercent = (pct: number | null | undefined, digits = 0) => (pct == null ? NONE : `${formatNumber(pct, digits)} %`);

const PLURALS = new Intl.PluralRules('en-GB');
/** "1 state", "2 states", "1,204 drives": a count with its noun in the right number (`plural` when not noun + s). */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatNumber(n)} ${PLURALS.select(n) === 'one' ? noun : plural}`;
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
/** An ISO 4217 code this runtime knows (EUR, USD…): three capitals are not enough ("ZZZ"). */
export const isCurrencyCode = (c: string) => /^[A-Z]{3}$/.test(c) && CURRENCIES.has(c);
export const CURRENCY_CODE_MESSAGE = 'must be an ISO 4217 currency code such as EUR or USD';

export function formatMoney(amount: number | null | undefined, currency: string, digits = 2): string {
  if (amount == null || !Number.isFinite(amount)) return NONE;
  return new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

/** An amount in its own currency: stored amounts are never converted. */
export type MoneyAmount = { currency: string; amount: number };

/**
 * A total that may span currencies, as "€12.30" or "€12.30 + $4.00": the `display` currency first,
 * then the others by code; "–" when there is none. Amounts are never converted (no rate is known).
 */
export function formatMoneyTotals(amounts: readonly MoneyAmount[], display: string, digits = 2): string {
  const shown = amounts.filter((a) => Number.isFinite(a.amount));
  if (shown.length === 0) return NONE;
  const order = (c: string) => (c === display ? '' : c);
  return [...shown]
    .sort((a, b) => order(a.currency).localeCompare(order(b.currency)))
    .map((a) => formatMoney(a.amount, a.currency, digits))
    .join(' + ');
}

/** The currencies of `amounts` other than `display`, by code (what a "not converted" note names). */
export const otherCurrencies = (amounts: readonly MoneyAmount[], display: string): string[] =>
  [...new Set(amounts.map((a) => a.currency).filter((c) => c !== display))].sort();

/** A duration in ms as "1 h 05 min" / "12 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return NONE;
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** Date and time in the owner's time zone, e.g. "27 Nov 2026, 14:05". */
export function formatDateTime(at: Date | string | null | undefined, timeZone: string): string {
  if (at == null) return NONE;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
}

export function formatDate(at: Date | string | null | undefined, timeZone: string): string {
  if (at == null) return NONE;
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(at));
}

export function formatTime(at: Date | string | null | undefined, timeZone: string): string {
  if (at == null) return NONE;
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
}

/** A time of `now`'s local day as "17:25"; any other day's as "9 Jun 2026, 17:25" (in `timeZone`). */
export function formatWhen(at: Date | string | null | undefined, timeZone: string, now: Date): string {
  if (at == null) return NONE;
  return formatDate(at, timeZone) === formatDate(now, timeZone) ? formatTime(at, timeZone) : formatDateTime(at, timeZone);
}
