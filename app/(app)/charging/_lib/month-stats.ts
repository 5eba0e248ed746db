import 'server-only';
import type { Db } from '@/db/client';
import type { ChargingSessionFilter } from '@/db/queries/charging';
import { distanceByPeriod } from '@/db/queries/charging-page';
import { listVehicles } from '@/db/queries/vehicles';
import { chargingStats } from '@/lib/api/charging-stats';
import { clock } from '@/lib/clock';
import type { MoneyAmount } from '@/lib/format';
import { addMonths, dayStart, today } from '@/lib/time';

export const STAT_MONTHS = 12;

export type MonthStat = {
  /** `YYYY-MM` */
  month: string;
  sessions: number;
  energyAddedKwh: number;
  /** Cost in the owner's currency after the solar credit; null when no session of the month has one in it. */
  cost: number | null;
  costWithoutSolar: number | null;
  /** Cost after the solar credit per currency the sessions were priced in (never converted); empty when none has a cost. */
  costs: MoneyAmount[];
  distanceKm: number;
  costPer100Km: number | null;
  /** `costs` per 100 km driven that month, per currency; empty without distance. */
  costsPer100Km: MoneyAmount[];
  solarPercentage: number | null;
};

/** The sessions table's filters that By month follows (its period does not: By month is always the last 12 months). */
export type MonthFilter = Pick<ChargingSessionFilter, 'vehicleId' | 'locationId' | 'source' | 'chargerType'>;

/**
 * Up to the last 12 local months (the current one included) of charging, from the first month with a
 * session under `filter` (none before it; none at all when no session matches): the same figures as
 * GET /api/charging/stats?period=month (lib/api/charging-stats), plus the distance driven that month
 * (by the filtered car, or all cars) for cost per 100 km. Reads only the 12 months (started_at
 * indexes), never all history.
 */
export async function monthStats(
  db: Db,
  p: { timeZone: string; currency: string; now?: Date; filter?: MonthFilter },
): Promise<{ months: MonthStat[]; from: Date }> {
  const to = p.now ?? clock.now();
  const first = addMonths(today(p.timeZone, to), -(STAT_MONTHS - 1));
  const from = dayStart(first, p.timeZone);
  const vehicleIds = p.filter?.vehicleId ? [p.filter.vehicleId] : (await listVehicles(db)).map((v) => v.id);
  const [stats, distance] = await Promise.all([
    chargingStats(db, { ...p.filter, from, to, unit: 'month', timeZone: p.timeZone }),
    distanceByPeriod(db, { vehicleIds, from, to, unit: 'month', timeZone: p.timeZone }),
  ]);
  // Periods come oldest first and only with sessions: the first is the first month with data (`YYYY-MM-DD`s compare as text).
  const firstWithData = stats.periods[0]?.period;
  const months = firstWithData ? Array.from({ length: STAT_MONTHS }, (_, i) => addMonths(first, i)).filter((m) => m >= firstWithData) : [];
  return {
    from,
    months: months.map((start) => {
      const s = stats.periods.find((x) => x.period === start);
      const km = distance.find((x) => x.period === start)?.distanceKm ?? 0;
      const costs = (s?.costs ?? []).map((c) => ({ currency: c.currency, amount: c.amount }));
      const cost = s?.costs.find((c) => c.currency === p.currency) ?? null;
      const per100 = (amount: number) => Math.round((amount / km) * 10_000) / 100;
      return {
        month: start.slice(0, 7),
        sessions: s?.sessions ?? 0,
        energyAddedKwh: s?.energyAddedKwh ?? 0,
        cost: cost?.amount ?? null,
        costWithoutSolar: cost?.amountWithoutSolar ?? null,
        costs,
        distanceKm: km,
        costPer100Km: cost && km > 0 ? per100(cost.amount) : null,
        costsPer100Km: km > 0 ? costs.map((c) => ({ currency: c.currency, amount: per100(c.amount) })) : [],
        solarPercentage: s?.solarPercentage ?? null,
      };
    }),
  };
}
