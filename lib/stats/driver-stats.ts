import type { MoneyAmount } from '@/lib/format';

/**
 * Driver statistics from per-car totals of their drives. Pure.
 * - distance (km) and energy (kWh) are sums over the driver's drives;
 * - efficiency (Wh/km) = energy ÷ distance over the drives whose energy is known;
 * - cost = each car's drive energy × what a kWh put into that car cost (its charging cost ÷ energy
 *   added), per currency the charges were priced in (never converted); `costs` is empty and `cost`
 *   null when no drive of the driver has both a known energy and a car with a priced charge. `cost`
 *   is the amount in the display currency (null when no charge was priced in it).
 */

export type DriverVehicleTotals = {
  driverId: string | null;
  vehicleId: string;
  drives: number;
  distanceKm: number | null;
  energyUsedKwh: number | null;
  knownDistanceKm: number | null;
  knownEnergyKwh: number | null;
};

export type DriverStats = {
  drives: number;
  distanceKm: number;
  energyUsedKwh: number;
  efficiencyWhPerKm: number | null;
  cost: number | null;
  costs: MoneyAmount[];
};

const EMPTY: DriverStats = { drives: 0, distanceKm: 0, energyUsedKwh: 0, efficiencyWhPerKm: null, cost: null, costs: [] };

/** Totals per driver id (drives without a driver are skipped). */
export function driverStats(
  rows: readonly DriverVehicleTotals[],
  costPerKwh: ReadonlyMap<string, ReadonlyMap<string, number>>,
  currency: string,
): Map<string, DriverStats> {
  const acc = new Map<string, { drives: number; km: number; kwh: number; knownKm: number; knownKwh: number; cost: Map<string, number> }>();
  for (const r of rows) {
    if (!r.driverId) continue;
    const a = acc.get(r.driverId) ?? { drives: 0, km: 0, kwh: 0, knownKm: 0, knownKwh: 0, cost: new Map<string, number>() };
    a.drives += r.drives;
    a.km += r.distanceKm ?? 0;
    a.kwh += r.energyUsedKwh ?? 0;
    a.knownKm += r.knownDistanceKm ?? 0;
    a.knownKwh += r.knownEnergyKwh ?? 0;
    // Cost needs the car's price per kWh and drive energy; drives without a known energy add nothing.
    if ((r.energyUsedKwh ?? 0) > 0) {
      for (const [cur, price] of costPerKwh.get(r.vehicleId) ?? [])
        a.cost.set(cur, (a.cost.get(cur) ?? 0) + (r.energyUsedKwh ?? 0) * price);
    }
    acc.set(r.driverId, a);
  }
  const out = new Map<string, DriverStats>();
  for (const [id, a] of acc) {
    out.set(id, {
      drives: a.drives,
      distanceKm: round(a.km, 1),
      energyUsedKwh: round(a.kwh, 3),
      efficiencyWhPerKm: a.knownKm > 0 ? Math.round((1000 * a.knownKwh) / a.knownKm) : null,
      cost: a.cost.has(currency) ? round(a.cost.get(currency) ?? 0, 2) : null,
      costs: [...a.cost].map(([cur, amount]) => ({ currency: cur, amount: round(amount, 2) })),
    });
  }
  return out;
}

/** A driver's stats, zeros when they have no drives. */
export const statsOf = (all: ReadonlyMap<string, DriverStats>, driverId: string): DriverStats => all.get(driverId) ?? EMPTY;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
