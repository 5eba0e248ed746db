import 'server-only';
import { and, asc, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { energyDaily, energySites, energyStates } from '../schema';
import { rounded } from './filters';

/** An energy site as the API shows it (no raw payload). */
const siteColumns = {
  id: energySites.id,
  teslaSiteId: energySites.teslaSiteId,
  siteName: energySites.siteName,
  timeZone: energySites.timeZone,
  batteryCount: energySites.batteryCount,
  totalBatteryCapacityKwh: energySites.totalBatteryCapacityKwh,
  solarCapacityW: energySites.solarCapacityW,
  batteryPowerW: energySites.batteryPowerW,
  wallConnectorCount: energySites.wallConnectorCount,
  backupReservePercent: energySites.backupReservePercent,
  createdAt: energySites.createdAt,
  updatedAt: energySites.updatedAt,
};
export type EnergySiteRow = Pick<typeof energySites.$inferSelect, keyof typeof siteColumns>;

export async function listEnergySites(db: Db): Promise<EnergySiteRow[]> {
  return db.select(siteColumns).from(energySites).orderBy(asc(energySites.siteName), asc(energySites.teslaSiteId));
}

/** One site by the app's id or Tesla's energy_site_id (as a string). */
export async function getEnergySite(db: Db, ref: { id: string } | { teslaSiteId: string }): Promise<EnergySiteRow | undefined> {
  const where = 'id' in ref ? eq(energySites.id, ref.id) : eq(energySites.teslaSiteId, ref.teslaSiteId);
  const [row] = await db.select(siteColumns).from(energySites).where(where).limit(1);
  return row;
}

/** Power in W with Tesla's signs: battery > 0 discharging, grid > 0 importing. */
const stateColumns = {
  timestamp: energyStates.timestamp,
  solarPowerW: energyStates.solarPowerW,
  batteryPowerW: energyStates.batteryPowerW,
  gridPowerW: energyStates.gridPowerW,
  loadPowerW: energyStates.loadPowerW,
  wallConnectorPowerW: energyStates.wallConnectorPowerW,
  batteryPercentage: energyStates.batteryPercentage,
  gridStatus: energyStates.gridStatus,
};
export type EnergyStateRow = Pick<typeof energyStates.$inferSelect, keyof typeof stateColumns>;

/** The newest live_status snapshot (idx_energy_states_site_timestamp). */
export async function getLatestEnergyState(db: Db, siteId: string): Promise<EnergyStateRow | undefined> {
  const [row] = await db
    .select(stateColumns)
    .from(energyStates)
    .where(eq(energyStates.siteId, siteId))
    .orderBy(desc(energyStates.timestamp))
    .limit(1);
  return row;
}

/** Snapshots in [from, to), oldest first, at most `limit`. */
export async function listEnergyStates(db: Db, p: { siteId: string; from: Date; to: Date; limit: number }): Promise<EnergyStateRow[]> {
  return db
    .select(stateColumns)
    .from(energyStates)
    .where(and(eq(energyStates.siteId, p.siteId), gte(energyStates.timestamp, p.from), lt(energyStates.timestamp, p.to)))
    .orderBy(asc(energyStates.timestamp))
    .limit(p.limit);
}

export type EnergyTotals = {
  days: number;
  completeDays: number;
  solarProducedKwh: number;
  solarExportedKwh: number;
  batteryChargedKwh: number;
  batteryDischargedKwh: number;
  gridImportedKwh: number;
  gridExportedKwh: number;
  homeConsumedKwh: number;
};
export type EnergyPeriodRow = EnergyTotals & { period: string };

const d = energyDaily;
const sum = (col: SQL | typeof d.solarProducedKwh) => rounded(sql`coalesce(sum(${col}), 0)`, 2);
const totalsColumns = {
  days: sql<number>`count(*)::int`,
  completeDays: sql<number>`(count(*) filter (where ${d.complete}))::int`,
  solarProducedKwh: sum(d.solarProducedKwh),
  solarExportedKwh: sum(d.solarExportedKwh),
  batteryChargedKwh: sum(d.batteryChargedKwh),
  batteryDischargedKwh: sum(d.batteryDischargedKwh),
  gridImportedKwh: sum(d.gridImportedKwh),
  gridExportedKwh: sum(d.gridExportedKwh),
  homeConsumedKwh: sum(d.homeConsumedKwh),
};

/** Local dates `from`..`to` inclusive (YYYY-MM-DD, the site's own calendar), one site or all. */
export type DailyRange = { siteId?: string; from: string; to: string };
const rangeWhere = (p: DailyRange) => and(p.siteId ? eq(d.siteId, p.siteId) : undefined, gte(d.date, p.from), lte(d.date, p.to));

/**
 * Daily totals summed per day, week (from Monday), month or year, oldest first. Reads energy_daily
 * only (idx_energy_daily_site_date), never the live snapshots.
 */
export async function energyByPeriod(db: Db, p: DailyRange & { unit: 'day' | 'week' | 'month' | 'year' }): Promise<EnergyPeriodRow[]> {
  const rows = await db
    .select({ period: sql<string>`to_char(date_trunc(${p.unit}, ${d.date}::timestamp), 'YYYY-MM-DD')`, ...totalsColumns })
    .from(d)
    .where(rangeWhere(p))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map(zeroed);
}

/** Totals over the range, plus the best solar day. */
export async function energyTotals(
  db: Db,
  p: DailyRange,
): Promise<EnergyTotals & { bestDay: { date: string; solarProducedKwh: number } | null }> {
  const [[totals], [best]] = await Promise.all([
    db.select(totalsColumns).from(d).where(rangeWhere(p)),
    db
      .select({ date: d.date, solarProducedKwh: sum(d.solarProducedKwh) })
      .from(d)
      .where(rangeWhere(p))
      .groupBy(d.date)
      .orderBy(desc(sql`2`), asc(d.date))
      .limit(1),
  ]);
  return {
    ...zeroed(totals ?? ({} as EnergyTotals)),
    bestDay: best && best.solarProducedKwh !== null ? { date: best.date, solarProducedKwh: best.solarProducedKwh } : null,
  };
}

function zeroed<T extends object>(r: T): T {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? 0])) as T;
}

const dailyColumns = {
  siteId: d.siteId,
  siteName: energySites.siteName,
  date: d.date,
  solarProducedKwh: d.solarProducedKwh,
  solarExportedKwh: d.solarExportedKwh,
  batteryChargedKwh: d.batteryChargedKwh,
  batteryDischargedKwh: d.batteryDischargedKwh,
  gridImportedKwh: d.gridImportedKwh,
  gridExportedKwh: d.gridExportedKwh,
  homeConsumedKwh: d.homeConsumedKwh,
  selfConsumptionPercentage: d.selfConsumptionPercentage,
  selfPoweredPercentage: d.selfPoweredPercentage,
  complete: d.complete,
};
export type EnergyDailyRow = Pick<typeof d.$inferSelect, Exclude<keyof typeof dailyColumns, 'siteName'>> & { siteName: string | null };

/** Daily rows by (date, site) after `after` (keyset for the CSV export), oldest first. */
export async function listEnergyDaily(
  db: Db,
  p: DailyRange & { limit: number; after?: { date: string; siteId: string } },
): Promise<EnergyDailyRow[]> {
  return db
    .select(dailyColumns)
    .from(d)
    .innerJoin(energySites, eq(energySites.id, d.siteId))
    .where(and(rangeWhere(p), p.after ? sql`(${d.date}, ${d.siteId}) > (${p.after.date}::date, ${p.after.siteId}::uuid)` : undefined))
    .orderBy(asc(d.date), asc(d.siteId))
    .limit(p.limit);
}
