import type { tariffs } from '@/db/schema';
import type { ChargerKind } from './charger-power';
import { priceSegments, type PricedEnergy } from './tou';
import type { EnergySegment } from './types';

export type TariffInput = Pick<
  typeof tariffs.$inferSelect,
  'kind' | 'currency' | 'pricePerKwh' | 'periods' | 'sessionFee' | 'feedInPricePerKwh'
>;

export type ChargingCostInput = {
  /** The energy the meter bills, over time: the session's profile (wall kWh where known). */
  profile: readonly EnergySegment[];
  /** The tariff of the session's location; null when the place has none. */
  tariff: TariffInput | null;
  /** IANA zone the tariff's windows are written in (the site's or the owner's). */
  timeZone: string;
  /** When the solar share flowed (`SolarSplit.solarProfile`); omit for no solar credit. */
  solarProfile?: readonly EnergySegment[];
  chargerKind?: ChargerKind | null;
  /** The vehicle's free-Supercharging flag. */
  freeSupercharging?: boolean;
  /** What Tesla actually billed (Supercharger history); overrides everything else. */
  actualFee?: { amount: number; currency: string } | null;
};

export type ChargingCost = {
  basis: 'actual_fee' | 'free_supercharging' | 'tariff' | 'none';
  currency: string | null;
  /** Every kWh at the tariff, plus the session fee: the cost with no solar credit. */
  costWithoutSolar: number | null;
  /**
   * The cost after the solar credit, solar kWh valued at the feed-in price (what exporting them
   * would have earned; zero when the tariff has no feed-in price). This is the figure stored in `cost`.
   */
  costWithSolarCredit: number | null;
  /** The same with solar kWh valued at zero (the "free sunshine" view), for display beside it. */
  costSolarFree: number | null;
  sessionFee: number;
  /** Energy per distinct price (TOU windows), unrounded. */
  lines: PricedEnergy[];
  solarKwh: number;
};

const cents = (v: number) => Math.round((v + Math.sign(v) * Number.EPSILON) * 100) / 100;
const sumKwh = (segs: readonly EnergySegment[]) => segs.reduce((s, p) => s + p.kwh, 0);

/**
 * Cost of one charging session. Precedence: a real fee from Tesla's Supercharger history, then the
 * free-Supercharging flag (Supercharger sessions cost 0), then the location's tariff (flat, or time
 * of use with each kWh priced at the minute it flowed in `timeZone`), plus the tariff's session fee.
 *
 * Solar credit: each solar kWh is removed at the grid price of the minute it flowed and re-added at
 * the feed-in price, because energy the car took from the panels is energy not exported: valuing
 * it at the feed-in price is its true (opportunity) cost. `costSolarFree` values it at zero instead.
 * All arithmetic is unrounded; results are rounded to cents once, at the end.
 */
export function chargingCost(input: ChargingCostInput): ChargingCost {
  const solarKwh = input.solarProfile ? sumKwh(input.solarProfile) : 0;
  if (input.actualFee) {
    const amount = cents(input.actualFee.amount);
    return {
      basis: 'actual_fee',
      currency: input.actualFee.currency,
      costWithoutSolar: amount,
      costWithSolarCredit: amount,
      costSolarFree: amount,
      sessionFee: 0,
      lines: [],
      solarKwh: 0,
    };
  }
  if (input.freeSupercharging && input.chargerKind === 'supercharger') {
    return {
      basis: 'free_supercharging',
      currency: input.tariff?.currency ?? null,
      costWithoutSolar: 0,
      costWithSolarCredit: 0,
      costSolarFree: 0,
      sessionFee: 0,
      lines: [],
      solarKwh: 0,
    };
  }
  const tariff = input.tariff;
  if (!tariff) {
    return {
      basis: 'none',
      currency: null,
      costWithoutSolar: null,
      costWithSolarCredit: null,
      costSolarFree: null,
      sessionFee: 0,
      lines: [],
      solarKwh,
    };
  }
  const periods = tariff.kind === 'time_of_use' ? tariff.periods : [];
  const lines = priceSegments(input.profile, periods, tariff.pricePerKwh, input.timeZone);
  const energy = lines.reduce((s, l) => s + l.amount, 0);
  const solarAtGrid = input.solarProfile
    ? priceSegments(input.solarProfile, periods, tariff.pricePerKwh, input.timeZone).reduce((s, l) => s + l.amount, 0)
    : 0;
  const feedIn = (tariff.feedInPricePerKwh ?? 0) * solarKwh;
  const fee = tariff.sessionFee;
  return {
    basis: 'tariff',
    currency: tariff.currency,
    costWithoutSolar: cents(energy + fee),
    costWithSolarCredit: cents(energy - solarAtGrid + feedIn + fee),
    costSolarFree: cents(energy - solarAtGrid + fee),
    sessionFee: fee,
    lines,
    solarKwh,
  };
}
