import 'server-only';
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { chargingSessions, drives, energyBuckets, energyDaily, vehicleStates } from '../schema';
import { rounded } from './filters';
import { getLatestVehicleState, listVehicles, type VehicleRow, type VehicleStateRow } from './vehicles';

/** What the car is doing now: the free state check's answer, overridden by an open drive or charge. */
export type VehicleStatus = 'driving' | 'charging' | 'online' | 'asleep' | 'offline' | 'unknown';

export type VehicleSummary = {
  vehicle: VehicleRow;
  status: VehicleStatus;
  /** Since when the status holds (start of the open drive/charge, else the state check's stretch). */
  statusSince: Date | null;
  /** The newest sample; `minutesToFull` is Tesla's estimate while charging (raw charge_state). */
  latest: (VehicleStateRow & { minutesToFull: number | null }) | null;
  /** The newest drive: where it ended can be newer than the newest sample (the car slept on arrival). */
  lastDrive: { startedAt: Date; endedAt: Date | null; endPlace: string | null; endLatitude: number | null; endLongitude: number | null } | null;
};

const activeCharge = (s: VehicleStateRow | undefined) => s?.chargingState === 'Charging' || s?.chargingState === 'Starting';
const driving = (s: VehicleStateRow | undefined) => s?.shiftState === 'D' || s?.shiftState === 'R' || s?.shiftState === 'N';

/**
 * One summary per vehicle. Per vehicle: the newest sample (idx_vehicle_states_vehicle_timestamp),
 * the newest drive and charge (idx_drives_vehicle_started / idx_charging_sessions_vehicle), each a
 * LIMIT 1 lookup. A drive or charge counts as current
 * only while it is open (ended_at null) and the car's last answer was `online`.
 */
export async function getVehicleSummaries(db: Db): Promise<VehicleSummary[]> {
  const list = await listVehicles(db);
  return Promise.all(
    list.map(async (vehicle) => {
      const [latest, [minutes], [drive], [charge]] = await Promise.all([
        getLatestVehicleState(db, vehicle.id),
        db
          .select({ m: sql<number | null>`round(((${vehicleStates.rawData} -> 'charge_state' ->> 'minutes_to_full_charge'))::numeric)::int` })
          .from(vehicleStates)
          .where(eq(vehicleStates.vehicleId, vehicle.id))
          .orderBy(desc(vehicleStates.timestamp))
          .limit(1),
        db
          .select({ startedAt: drives.startedAt, endedAt: drives.endedAt, endPlace: drives.endPlace, endLatitude: drives.endLatitude, endLongitude: drives.endLongitude })
          .from(drives).where(eq(drives.vehicleId, vehicle.id)).orderBy(desc(drives.startedAt)).limit(1),
        db
          .select({ startedAt: chargingSessions.startedAt, endedAt: chargingSessions.endedAt })
          .from(chargingSessions)
          .where(eq(chargingSessions.vehicleId, vehicle.id))
          .orderBy(desc(chargingSessions.startedAt))
          .limit(1),
      ]);
      const online = vehicle.state === 'online';
      let status: VehicleStatus = (vehicle.state as VehicleStatus | null) ?? 'unknown';
      let statusSince = vehicle.stateSince;
      if (online && drive && drive.endedAt === null && driving(latest)) [status, statusSince] = ['driving', drive.startedAt];
      else if (online && activeCharge(latest)) [status, statusSince] = ['charging', charge && charge.endedAt === null ? charge.startedAt : (latest?.timestamp ?? null)];
      return {
        vehicle,
        status,
        statusSince,
        latest: latest ? { ...latest, minutesToFull: activeCharge(latest) ? (minutes?.m ?? null) : null } : null,
        lastDrive: drive ?? null,
      };
    }),
  );
}

export type DayEnergy = {
  date: string;
  /** Where the figures come from: the day's energy_daily row, or its 5-minute buckets when that row is missing. */
  source: 'daily' | 'buckets';
  solarProducedKwh: number | null;
  homeConsumedKwh: number | null;
  gridImportedKwh: number | null;
  gridExportedKwh: number | null;
  /** Share of the home's use not taken from the grid, in %. */
  selfPoweredPercentage: number | null;
};

/**
 * One site's energy on local date `date` of `timeZone`: the energy_daily row (energy_daily_site_date_uq),
 * or, while that is missing, the day's energy_buckets (energy_buckets_site_start_uq, at most 288 rows).
 * Null when neither has anything for the day.
 */
export async function getDayEnergy(db: Db, p: { siteId: string; date: string; timeZone: string }): Promise<DayEnergy | null> {
  const [daily] = await db
    .select({
      solarProducedKwh: energyDaily.solarProducedKwh,
      homeConsumedKwh: energyDaily.homeConsumedKwh,
      gridImportedKwh: energyDaily.gridImportedKwh,
      gridExportedKwh: energyDaily.gridExportedKwh,
      selfPoweredPercentage: energyDaily.selfPoweredPercentage,
    })
    .from(energyDaily)
    .where(and(eq(energyDaily.siteId, p.siteId), eq(energyDaily.date, p.date)))
    .limit(1);
  if (daily) {
    const self = daily.selfPoweredPercentage ?? selfPowered(daily.homeConsumedKwh, daily.gridImportedKwh);
    return { date: p.date, source: 'daily', ...daily, selfPoweredPercentage: self };
  }
  const b = energyBuckets;
  const dayStart = sql`(${p.date}::date::timestamp at time zone ${p.timeZone})`;
  const dayEnd = sql`((${p.date}::date + 1)::timestamp at time zone ${p.timeZone})`;
  const [row] = await db
    .select({
      buckets: sql<number>`count(*)::int`,
      solar: rounded(sql`sum(${b.homeFromSolarKwh} + ${b.batteryFromSolarKwh})`, 2),
      home: rounded(sql`sum(${b.homeFromSolarKwh} + ${b.homeFromBatteryKwh} + ${b.homeFromGridKwh})`, 2),
      gridIn: rounded(sql`sum(${b.homeFromGridKwh} + ${b.batteryFromGridKwh})`, 2),
      homeFromGrid: rounded(sql`sum(${b.homeFromGridKwh})`, 2),
    })
    .from(b)
    .where(and(eq(b.siteId, p.siteId), gte(b.startAt, dayStart), lt(b.startAt, dayEnd)));
  if (!row || row.buckets === 0) return null;
  // Buckets hold directed flows into home and battery only: solar sent to the grid is not in them.
  return { date: p.date, source: 'buckets', solarProducedKwh: row.solar, homeConsumedKwh: row.home, gridImportedKwh: row.gridIn, gridExportedKwh: null, selfPoweredPercentage: selfPowered(row.home, row.homeFromGrid) };
}

/** 100 × (1 − home's grid share); the energy_daily column is preferred where Tesla gave it. */
function selfPowered(home: number | null, homeFromGrid: number | null): number | null {
  if (home == null || homeFromGrid == null || home <= 0) return null;
  return Math.round(Math.max(0, Math.min(100, (1 - homeFromGrid / home) * 100)) * 10) / 10;
}

