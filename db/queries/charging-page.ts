import 'server-only';
import { and, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { drives } from '../schema';
import { rounded, within } from './filters';

export type DistancePeriodRow = { period: string; distanceKm: number; drives: number };

/**
 * Distance driven per local period (`YYYY-MM-DD` of the period's first day, weeks from Monday),
 * oldest first, for the charging page's cost per 100 km. `vehicleIds` is required and names every
 * car to count: drives has no index on started_at alone, so the range is read through
 * idx_drives_vehicle_started once per car (vehicle_id = any(…) and started_at in [from, to)).
 */
export async function distanceByPeriod(
  db: Db,
  p: { vehicleIds: string[]; from: Date; to: Date; unit: 'day' | 'week' | 'month' | 'year'; timeZone: string },
): Promise<DistancePeriodRow[]> {
  if (p.vehicleIds.length === 0) return [];
  const rows = await db
    .select({
      period: sql<string>`to_char(date_trunc(${p.unit}, ${drives.startedAt} at time zone ${p.timeZone}), 'YYYY-MM-DD')`,
      distanceKm: rounded(sql`coalesce(sum(${drives.distanceKm}), 0)`, 1),
      drives: sql<number>`count(*)::int`,
    })
    .from(drives)
    .where(and(inArray(drives.vehicleId, p.vehicleIds), within(drives.startedAt, p.from, p.to)))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((r) => ({ period: r.period, distanceKm: r.distanceKm ?? 0, drives: r.drives }));
}
