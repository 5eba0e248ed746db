import 'server-only';
import { count } from 'drizzle-orm';
import type { Db } from '../client';
import { chargingSessions, drives, energySites, vehicles } from '../schema';

export type OverviewCounts = { vehicles: number; chargingSessions: number; drives: number; energySites: number };

/** Row counts for the placeholder dashboard. */
export async function getOverviewCounts(db: Db): Promise<OverviewCounts> {
  const [[v], [c], [d], [e]] = await Promise.all([
    db.select({ n: count() }).from(vehicles),
    db.select({ n: count() }).from(chargingSessions),
    db.select({ n: count() }).from(drives),
    db.select({ n: count() }).from(energySites),
  ]);
  return { vehicles: v?.n ?? 0, chargingSessions: c?.n ?? 0, drives: d?.n ?? 0, energySites: e?.n ?? 0 };
}
