import 'server-only';
import type { Db } from '@/db/client';
import type { ChargingSessionFilter } from '@/db/queries/charging';
import { distanceByPeriod } from '@/db/queries/charging-page';
import { listVehicles } from '@/db/queries/vehicles';
import { chargingStats } from '@/lib/api/charging-stats';
import { clock } from '@/lib/clock';
import { addMonths, dayStart, today } from '@/lib/time';

export const STAT_MONTHS = 12;

export type MonthStat = {
  /** `YYYY-MM` */
  month: string;
  sessions: number;
  energyAddedKwh: number;
  /** Cost in the owner's currency after the solar credit; null when no session of the month has one. */
  cost: number | null;
  costWithoutSolar: number | null;
  distanceKm: number;
  costPer100Km: number | null;
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
      const cost = s?.costs.find((c) => c.currency === p.currency) ?? null;
      return {
        month: start.slice(0, 7),
        sessions: s?.sessions ?? 0,
        energyAddedKwh: s?.energyAddedKwh ?? 0,
        cost: cost?.amount ?? null,
        costWithoutSolar: cost?.amountWithoutSolar ?? null,
        distanceKm: km,
        costPer100Km: cost && km > 0 ? Math.round((cost.amount / km) * 10_000) / 100 : null,
        solarPercentage: s?.solarPercentage ?? null,
      };
    }),
  };
}
