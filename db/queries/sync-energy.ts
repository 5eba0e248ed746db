import 'server-only';
import { and, asc, desc, eq, gt, gte, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { energyBuckets, energyDaily, energySites, energyStates } from '../schema';

/** Persistence of the sync's energy steps: sites, live snapshots, daily totals and 5-minute buckets. */
export type SiteRow = typeof energySites.$inferSelect;
export type DailyRow = typeof energyDaily.$inferInsert;
export type BucketRow = typeof energyBuckets.$inferInsert;

export async function listSites(db: Db): Promise<SiteRow[]> {
  return db.select().from(energySites);
}

/** Inserts or refreshes a site; `updatedAt` is the sync's time (the daily site_info refresh is measured on it). */
export async function upsertSite(db: Db, row: typeof energySites.$inferInsert & { updatedAt: Date }): Promise<void> {
  const { teslaSiteId: _id, ...set } = row;
  await db.insert(energySites).values(row).onConflictDoUpdate({ target: energySites.teslaSiteId, set });
}

export async function insertEnergyState(db: Db, row: typeof energyStates.$inferInsert): Promise<boolean> {
  const out = await db.insert(energyStates).values(row).onConflictDoNothing().returning({ id: energyStates.id });
  return out.length > 0;
}

/** Upserts daily totals; a row already complete is never overwritten by a partial one. */
export async function upsertDaily(db: Db, rows: DailyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(energyDaily)
    .values(rows)
    .onConflictDoUpdate({
      target: [energyDaily.siteId, energyDaily.date],
      set: {
        solarProducedKwh: sql`excluded.solar_produced_kwh`,
        solarExportedKwh: sql`excluded.solar_exported_kwh`,
        batteryChargedKwh: sql`excluded.battery_charged_kwh`,
        batteryDischargedKwh: sql`excluded.battery_discharged_kwh`,
        gridImportedKwh: sql`excluded.grid_imported_kwh`,
        gridExportedKwh: sql`excluded.grid_exported_kwh`,
        homeConsumedKwh: sql`excluded.home_consumed_kwh`,
        selfConsumptionPercentage: sql`excluded.self_consumption_percentage`,
        selfPoweredPercentage: sql`excluded.self_powered_percentage`,
        complete: sql`excluded.complete`,
        historyUntil: sql`excluded.history_until`,
        liveUntil: sql`excluded.live_until`,
        historyRetryAt: sql`excluded.history_retry_at`,
        bucketCount: sql`excluded.bucket_count`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`not ${energyDaily.complete}`,
    });
}

/** Closed days whose history read failed and that are not complete yet, oldest first, with when each may be read again. */
export async function failedDays(db: Db, siteId: string): Promise<{ date: string; retryAt: Date | null }[]> {
  const rows = await db
    .select({ date: energyDaily.date, retryAt: energyDaily.historyRetryAt })
    .from(energyDaily)
    .where(and(eq(energyDaily.siteId, siteId), eq(energyDaily.complete, false), gt(energyDaily.historyFailures, 0)))
    .orderBy(asc(energyDaily.date));
  return rows.map((r) => ({ date: String(r.date).slice(0, 10), retryAt: r.retryAt }));
}

/**
 * A closed day's history could not be read: counts the failure and sets when it is read again,
 * 30 minutes after the first failure, doubling with each one after, at most a day.
 */
export async function recordDayFailure(db: Db, p: { siteId: string; date: string; now: Date }): Promise<void> {
  const at = p.now.toISOString();
  await db
    .insert(energyDaily)
    .values({
      siteId: p.siteId,
      date: p.date,
      complete: false,
      historyFailures: 1,
      historyRetryAt: new Date(p.now.getTime() + 30 * 60_000),
    })
    .onConflictDoUpdate({
      target: [energyDaily.siteId, energyDaily.date],
      set: {
        historyFailures: sql`${energyDaily.historyFailures} + 1`,
        historyRetryAt: sql`${at}::timestamptz + least(interval '30 minutes' * power(2, ${energyDaily.historyFailures}), interval '1 day')`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`not ${energyDaily.complete}`,
    });
}

/** Upserts 5-minute buckets (a later read of an open day replaces its partial values). */
export async function upsertBuckets(db: Db, rows: BucketRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(energyBuckets)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [energyBuckets.siteId, energyBuckets.startAt],
        set: {
          endAt: sql`excluded.end_at`,
          homeFromSolarKwh: sql`excluded.home_from_solar_kwh`,
          homeFromBatteryKwh: sql`excluded.home_from_battery_kwh`,
          homeFromGridKwh: sql`excluded.home_from_grid_kwh`,
          batteryFromSolarKwh: sql`excluded.battery_from_solar_kwh`,
          batteryFromGridKwh: sql`excluded.battery_from_grid_kwh`,
          batteryDischargedKwh: sql`excluded.battery_discharged_kwh`,
          solarKwh: sql`excluded.solar_kwh`,
          gridImportedKwh: sql`excluded.grid_imported_kwh`,
          gridExportedKwh: sql`excluded.grid_exported_kwh`,
          batteryChargedKwh: sql`excluded.battery_charged_kwh`,
        },
      });
  }
}

/** The newest complete day and the oldest stored day (null when none). */
export async function dailyCursor(db: Db, siteId: string): Promise<{ lastComplete: string | null; first: string | null }> {
  const [row] = await db
    .select({
      lastComplete: sql<string | null>`max(${energyDaily.date}) filter (where ${energyDaily.complete})`,
      first: sql<string | null>`min(${energyDaily.date})`,
    })
    .from(energyDaily)
    .where(eq(energyDaily.siteId, siteId));
  const text = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
  return { lastComplete: text(row?.lastComplete), first: text(row?.first) };
}

/** End of the newest stored bucket of the site. */
export async function lastBucketEnd(db: Db, siteId: string): Promise<Date | null> {
  const [row] = await db
    .select({ endAt: energyBuckets.endAt })
    .from(energyBuckets)
    .where(eq(energyBuckets.siteId, siteId))
    .orderBy(desc(energyBuckets.startAt))
    .limit(1);
  return row?.endAt ?? null;
}

/**
 * What a provisional day is computed from: the site's history buckets inside [from, to) and the
 * live readings from `readingsFrom` (a reading shortly before the day may hold into it) up to `to`.
 * Served by energy_buckets_site_start_uq and idx_energy_states_site_timestamp; a day is at most a
 * few hundred rows of each.
 */
export async function dayInputs(db: Db, p: { siteId: string; from: Date; to: Date; readingsFrom: Date }) {
  const b = energyBuckets;
  const st = energyStates;
  const [buckets, readings] = await Promise.all([
    db
      .select({
        startAt: b.startAt,
        endAt: b.endAt,
        homeFromSolarKwh: b.homeFromSolarKwh,
        homeFromBatteryKwh: b.homeFromBatteryKwh,
        homeFromGridKwh: b.homeFromGridKwh,
        batteryFromSolarKwh: b.batteryFromSolarKwh,
        batteryFromGridKwh: b.batteryFromGridKwh,
        batteryDischargedKwh: b.batteryDischargedKwh,
        solarKwh: b.solarKwh,
        gridImportedKwh: b.gridImportedKwh,
        gridExportedKwh: b.gridExportedKwh,
        batteryChargedKwh: b.batteryChargedKwh,
      })
      .from(b)
      .where(and(eq(b.siteId, p.siteId), gte(b.startAt, p.from), lt(b.startAt, p.to)))
      .orderBy(asc(b.startAt)),
    db
      .select({
        timestamp: st.timestamp,
        solarPowerW: st.solarPowerW,
        loadPowerW: st.loadPowerW,
        batteryPowerW: st.batteryPowerW,
        gridPowerW: st.gridPowerW,
      })
      .from(st)
      .where(and(eq(st.siteId, p.siteId), gte(st.timestamp, p.readingsFrom), lte(st.timestamp, p.to)))
      .orderBy(asc(st.timestamp)),
  ]);
  return { buckets, readings };
}
