import type { PricingBasis } from '@/db/schema';
import type { ChargerKind } from './charger-power';

/**
 * Typical charging efficiency (energy into the battery ÷ energy from the wall) by charger kind, for
 * a session whose wall energy nobody measured. AC: the on-board charger's conversion, ~90 % on a
 * 230/240 V supply (Tessie's "Understanding Charging Efficiency": 240 V outlets ~90 %; the demo's
 * Wall Connector sessions measure 89 %). DC: no on-board conversion, only the battery's and the
 * cable's losses against the station's meter (the demo's billed Supercharger kWh: 95 %).
 * A session of unknown kind is taken as AC (home charging is the common case).
 */
export const CHARGING_EFFICIENCY: Readonly<Record<ChargerKind, number>> = { ac: 0.9, dc: 0.95, supercharger: 0.95 };

export const efficiencyOf = (kind: ChargerKind | null | undefined) => CHARGING_EFFICIENCY[kind ?? 'ac'];

export type PricingEnergyInput = {
  /** Energy a meter of Tesla's recorded (Wall Connector history, Supercharger history's billed kWh). */
  meteredKwh: number | null;
  meteredBy: 'wall_connector' | 'supercharger' | null;
  /** The car's own measure of the energy it drew (its charge port's V × I, or a DC charger's power, integrated). */
  measuredKwh: number | null;
  /** Energy added to the battery (`charge_energy_added`). */
  addedKwh: number | null;
  chargerKind: ChargerKind | null;
};

/** The energy a session is priced on, and how it is known; `efficiency` only when estimated. */
export type PricingEnergy = { kwh: number; basis: PricingBasis; efficiency: number | null };

const known = (v: number | null): v is number => v !== null && Number.isFinite(v) && v > 0;

/**
 * One pricing basis for every session: energy from the wall, as the meter a tariff bills. In order:
 * a Tesla meter's record, the car's own measure, else energy added ÷ the typical efficiency of the
 * charger kind (an estimate, and said to be one). Null when no energy is known at all.
 */
export function pricingEnergy(i: PricingEnergyInput): PricingEnergy | null {
  if (known(i.meteredKwh) && i.meteredBy) return { kwh: i.meteredKwh, basis: i.meteredBy, efficiency: null };
  if (known(i.measuredKwh)) return { kwh: i.measuredKwh, basis: 'car_measured', efficiency: null };
  if (known(i.addedKwh)) {
    const efficiency = efficiencyOf(i.chargerKind);
    return { kwh: i.addedKwh / efficiency, basis: 'estimated', efficiency };
  }
  return null;
}
