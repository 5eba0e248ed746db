import 'server-only';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../client';
import { energyBuckets } from '../schema';
import { bucketFlowColumns } from './sync-sessions';

/** A 5-minute calendar_history bucket, kWh: directed flows as the gateway attributes them, and totals (null in older rows). */
const bucketColumns = {
  ...bucketFlowColumns,
  solarKwh: energyBuckets.solarKwh,
  gridImportedKwh: energyBuckets.gridImportedKwh,
  gridExportedKwh: energyBuckets.gridExportedKwh,
  batteryChargedKwh: energyBuckets.batteryChargedKwh,
};
export type EnergyBucketRow = Pick<typeof energyBuckets.$inferSelect, keyof typeof bucketColumns>;

/**
 * Buckets starting in [from, to), oldest first, at most `limit` (one local day is 288 of them).
 * Served by the unique index energy_buckets_site_start_uq (site_id, start_at).
 */
export async function listEnergyBuckets(db: Db, p: { siteId: string; from: Date; to: Date; limit: number }): Promise<EnergyBucketRow[]> {
  return db
    .select(bucketColumns)
    .from(energyBuckets)
    .where(and(eq(energyBuckets.siteId, p.siteId), gte(energyBuckets.startAt, p.from), lt(energyBuckets.startAt, p.to)))
    .orderBy(asc(energyBuckets.startAt))
    .limit(p.limit);
}
