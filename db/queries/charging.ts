import 'server-only';
import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { chargingSessions, vehicles, type ChargeSource } from '../schema';
import { afterKeyset, rounded, within, type Keyset, type SortDir } from './filters';

const cs = chargingSessions;

/** The API's columns of a session (raw Tesla payload left out). Energy in kWh, power in kW. */
const sessionColumns = {
  id: cs.id,
  vehicleId: cs.vehicleId,
  vin: vehicles.vin,
  vehicleName: vehicles.displayName,
  source: cs.source,
  startedAt: cs.startedAt,
  endedAt: cs.endedAt,
  startBatteryLevel: cs.startBatteryLevel,
  endBatteryLevel: cs.endBatteryLevel,
  energyAddedKwh: cs.energyAddedKwh,
  energyUsedKwh: cs.energyUsedKwh,
  chargeRateKw: cs.chargeRateKw,
  peakPowerKw: cs.peakPowerKw,
  chargerType: cs.chargerType,
  locationId: cs.locationId,
  locationName: cs.locationName,
  latitude: cs.latitude,
  longitude: cs.longitude,
  cost: cs.cost,
  costWithoutSolar: cs.costWithoutSolar,
  costCurrency: cs.costCurrency,
  pricedKwh: cs.pricedKwh,
  pricingBasis: cs.pricingBasis,
  solarKwh: cs.solarKwh,
  batteryKwh: cs.batteryKwh,
  gridKwh: cs.gridKwh,
  solarPercentage: cs.solarPercentage,
  attributionRule: cs.attributionRule,
  splitBucketMinutes: cs.splitBucketMinutes,
};
export type ChargingSessionRow = Pick<typeof cs.$inferSelect, Exclude<keyof typeof sessionColumns, 'vin' | 'vehicleName'>> & {
  vin: string;
  vehicleName: string | null;
};

export type ChargingSessionFilter = {
  vehicleId?: string;
  locationId?: string;
  source?: ChargeSource;
  chargerType?: 'ac' | 'dc' | 'supercharger';
  from?: Date;
  to?: Date;
};

const filterWhere = (f: ChargingSessionFilter) =>
  and(
    f.vehicleId ? eq(cs.vehicleId, f.vehicleId) : undefined,
    f.locationId ? eq(cs.locationId, f.locationId) : undefined,
    f.source ? eq(cs.source, f.source) : undefined,
    f.chargerType ? eq(cs.chargerType, f.chargerType) : undefined,
    within(cs.startedAt, f.from, f.to),
  );

/**
 * Sessions by start time (newest first by default), `limit` rows after the keyset `after` or from
 * `offset`. Served by idx_charging_sessions_vehicle / idx_charging_sessions_started.
 */
export async function listChargingSessions(
  db: Db,
  p: ChargingSessionFilter & { limit: number; after?: Keyset; offset?: number; dir?: SortDir },
): Promise<ChargingSessionRow[]> {
  const dir = p.dir ?? 'desc';
  const order = dir === 'desc' ? [desc(cs.startedAt), desc(cs.id)] : [asc(cs.startedAt), asc(cs.id)];
  return db
    .select(sessionColumns)
    .from(cs)
    .innerJoin(vehicles, eq(vehicles.id, cs.vehicleId))
    .where(and(filterWhere(p), afterKeyset(cs.startedAt, cs.id, p.after, dir)))
    .orderBy(...order)
    .limit(p.limit)
    .offset(p.offset ?? 0);
}

export async function countChargingSessions(db: Db, f: ChargingSessionFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(cs).where(filterWhere(f));
  return row?.n ?? 0;
}

export async function getChargingSession(db: Db, id: string): Promise<ChargingSessionRow | undefined> {
  const [row] = await db.select(sessionColumns).from(cs).innerJoin(vehicles, eq(vehicles.id, cs.vehicleId)).where(eq(cs.id, id)).limit(1);
  return row;
}

export type ChargingPeriodStats = {
  period: string;
  sessions: number;
  energyAddedKwh: number;
  energyUsedKwh: number;
  acKwh: number;
  dcKwh: number;
  superchargerKwh: number;
  unknownChargerKwh: number;
  /** Energy of sessions with a home split; solar + battery + grid = splitKwh. */
  splitKwh: number;
  solarKwh: number;
  batteryKwh: number;
  gridKwh: number;
  /** Direct solar plus the solar part of Powerwall energy (from each session's solar_percentage). */
  solarShareKwh: number;
};
export type ChargingCostStats = { period: string; currency: string; cost: number; costWithoutSolar: number };

/** A range of local periods, narrowed like the sessions table (car, place, source, charger type) when given. */
export type StatsParams = Omit<ChargingSessionFilter, 'from' | 'to'> & {
  from: Date;
  to: Date;
  unit: 'day' | 'week' | 'month' | 'year';
  timeZone: string;
};

/** `YYYY-MM-DD` of the local start of the period containing `started_at` (weeks start on Monday). */
const periodOf = (p: StatsParams) => sql<string>`to_char(date_trunc(${p.unit}, ${cs.startedAt} at time zone ${p.timeZone}), 'YYYY-MM-DD')`;
const kwhSum = (expr: SQL, where: SQL = sql`true`) => rounded(sql`coalesce(sum(${expr}) filter (where ${where}), 0)`);
const split = sql`(${cs.solarKwh} + ${cs.batteryKwh} + ${cs.gridKwh})`;

/** kWh, the AC/DC/Supercharger split and the solar share per local period, oldest first. */
export async function chargingStatsByPeriod(db: Db, p: StatsParams): Promise<ChargingPeriodStats[]> {
  const byType = (t: string) => kwhSum(sql`${cs.energyAddedKwh}`, sql`${cs.chargerType} = ${t}`);
  const hasSplit = sql`${split} is not null`;
  const rows = await db
    .select({
      period: periodOf(p),
      sessions: sql<number>`count(*)::int`,
      energyAddedKwh: kwhSum(sql`${cs.energyAddedKwh}`),
      energyUsedKwh: kwhSum(sql`${cs.energyUsedKwh}`),
      acKwh: byType('ac'),
      dcKwh: byType('dc'),
      superchargerKwh: byType('supercharger'),
      unknownChargerKwh: kwhSum(sql`${cs.energyAddedKwh}`, sql`${cs.chargerType} is null`),
      splitKwh: kwhSum(split),
      solarKwh: kwhSum(sql`${cs.solarKwh}`, hasSplit),
      batteryKwh: kwhSum(sql`${cs.batteryKwh}`, hasSplit),
      gridKwh: kwhSum(sql`${cs.gridKwh}`, hasSplit),
      solarShareKwh: kwhSum(sql`${split} * ${cs.solarPercentage} / 100`),
    })
    .from(cs)
    .where(filterWhere(p))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((r) => ({ ...r, ...numbers(r) }));
}

/** Cost per local period and currency (sessions without a cost are left out), oldest first. */
export async function chargingCostByPeriod(db: Db, p: StatsParams): Promise<ChargingCostStats[]> {
  const rows = await db
    .select({
      period: periodOf(p),
      currency: sql<string>`${cs.costCurrency}`,
      cost: rounded(sql`sum(${cs.cost})`, 2),
      costWithoutSolar: rounded(sql`sum(coalesce(${cs.costWithoutSolar}, ${cs.cost}))`, 2),
    })
    .from(cs)
    .where(and(filterWhere(p), sql`${cs.cost} is not null`, sql`${cs.costCurrency} is not null`))
    .groupBy(sql`1`, sql`2`)
    .orderBy(sql`1`, sql`2`);
  return rows.map((r) => ({ period: r.period, currency: r.currency, cost: r.cost ?? 0, costWithoutSolar: r.costWithoutSolar ?? 0 }));
}

/** Aggregates come back null only when no row matched; a group always has rows, so null means 0. */
function numbers<T extends Record<string, unknown>>(r: T): { [K in keyof T]: T[K] extends number | null ? number : T[K] } {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? 0 : v])) as never;
}

export type ChargingSolarTotals = {
  sessions: number;
  splitKwh: number;
  solarKwh: number;
  batteryKwh: number;
  gridKwh: number;
  solarShareKwh: number;
};

/**
 * The solar that went into the cars on local dates `from`..`to` (inclusive) of `timeZone`: sessions
 * with a home split only. The bounds are computed in SQL so the started_at index still serves.
 */
export async function chargingSolarTotals(db: Db, p: { from: string; to: string; timeZone: string }): Promise<ChargingSolarTotals> {
  const [row] = await db
    .select({
      sessions: sql<number>`count(*)::int`,
      splitKwh: kwhSum(split),
      solarKwh: kwhSum(sql`${cs.solarKwh}`),
      batteryKwh: kwhSum(sql`${cs.batteryKwh}`),
      gridKwh: kwhSum(sql`${cs.gridKwh}`),
      solarShareKwh: kwhSum(sql`${split} * ${cs.solarPercentage} / 100`),
    })
    .from(cs)
    .where(
      and(
        sql`${split} is not null`,
        sql`${cs.startedAt} >= (${p.from}::date::timestamp at time zone ${p.timeZone})`,
        sql`${cs.startedAt} < ((${p.to}::date + 1)::timestamp at time zone ${p.timeZone})`,
      ),
    );
  return numbers(row ?? { sessions: 0, splitKwh: 0, solarKwh: 0, batteryKwh: 0, gridKwh: 0, solarShareKwh: 0 });
}
