import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { stateStart } from '@/lib/stats/state-start';
import { chargingSessions, drives, energyDaily, vehicleActivity, vehicleStates } from '../schema';
import { getLatestVehicleState, listVehicles, type VehicleRow, type VehicleStateRow } from './vehicles';

/** What the car is doing now: the free state check's answer, overridden by an open drive or charge. */
export type VehicleStatus = 'driving' | 'charging' | 'online' | 'asleep' | 'offline' | 'unknown';

export type VehicleSummary = {
  vehicle: VehicleRow;
  status: VehicleStatus;
  /**
   * Since when the status holds: the start of the open drive/charge, else when the state check's
   * current state began as far as the recorded stretches tell (lib/stats/state-start.ts).
   */
  statusSince: Date | null;
  /** False when `statusSince` is only when the app first saw the state (no change to it was observed). */
  statusSinceObserved: boolean;
  /** The newest sample; `minutesToFull` is Tesla's estimate while charging (`minutes_to_full_charge`). */
  latest: (VehicleStateRow & { minutesToFull: number | null }) | null;
  /** The newest drive: where it ended can be newer than the newest sample (the car slept on arrival). */
  lastDrive: {
    startedAt: Date;
    endedAt: Date | null;
    endPlace: string | null;
    endLatitude: number | null;
    endLongitude: number | null;
  } | null;
};

const activeCharge = (s: VehicleStateRow | undefined) => s?.chargingState === 'Charging' || s?.chargingState === 'Starting';
const driving = (s: VehicleStateRow | undefined) => s?.shiftState === 'D' || s?.shiftState === 'R' || s?.shiftState === 'N';

/** The state check's stretches read back to find where the current state began (newest first). */
const STRETCHES = 50;

/**
 * One summary per vehicle. Per vehicle: the newest sample (idx_vehicle_states_vehicle_timestamp),
 * the newest drive and charge (idx_drives_vehicle_started / idx_charging_sessions_vehicle), each a
 * LIMIT 1 lookup, and the newest STRETCHES state-check stretches (idx_vehicle_activity_vehicle_start). A drive or charge counts as current
 * only while it is open (ended_at null) and the car's last answer was `online`.
 */
export async function getVehicleSummaries(db: Db): Promise<VehicleSummary[]> {
  const list = await listVehicles(db);
  return Promise.all(
    list.map(async (vehicle) => {
      const [latest, [minutes], [drive], [charge], stretches] = await Promise.all([
        getLatestVehicleState(db, vehicle.id),
        db
          .select({
            m: sql<number | null>`round(${vehicleStates.minutesToFullCharge})::int`,
          })
          .from(vehicleStates)
          .where(eq(vehicleStates.vehicleId, vehicle.id))
          .orderBy(desc(vehicleStates.timestamp))
          .limit(1),
        db
          .select({
            startedAt: drives.startedAt,
            endedAt: drives.endedAt,
            endPlace: drives.endPlace,
            endLatitude: drives.endLatitude,
            endLongitude: drives.endLongitude,
          })
          .from(drives)
          .where(eq(drives.vehicleId, vehicle.id))
          .orderBy(desc(drives.startedAt))
          .limit(1),
        db
          .select({ startedAt: chargingSessions.startedAt, endedAt: chargingSessions.endedAt })
          .from(chargingSessions)
          .where(eq(chargingSessions.vehicleId, vehicle.id))
          .orderBy(desc(chargingSessions.startedAt))
          .limit(1),
        db
          .select({ state: vehicleActivity.state, startedAt: vehicleActivity.startedAt, lastSeenAt: vehicleActivity.lastSeenAt })
          .from(vehicleActivity)
          .where(eq(vehicleActivity.vehicleId, vehicle.id))
          .orderBy(desc(vehicleActivity.startedAt))
          .limit(STRETCHES),
      ]);
      const online = vehicle.state === 'online';
      let status: VehicleStatus = (vehicle.state as VehicleStatus | null) ?? 'unknown';
      const lastActivity = [drive, charge].map((a) => (a ? (a.endedAt ?? a.startedAt).getTime() : 0));
      const began = stateStart(stretches, Math.max(...lastActivity) > 0 ? new Date(Math.max(...lastActivity)) : null);
      let statusSince = began?.at ?? vehicle.stateSince;
      let statusSinceObserved = began?.observed ?? false;
      if (online && drive && drive.endedAt === null && driving(latest))
        [status, statusSince, statusSinceObserved] = ['driving', drive.startedAt, true];
      else if (online && activeCharge(latest))
        [status, statusSince, statusSinceObserved] = [
          'charging',
          charge && charge.endedAt === null ? charge.startedAt : (latest?.timestamp ?? null),
          true,
        ];
      return {
        vehicle,
        status,
        statusSince,
        statusSinceObserved,
        latest: latest ? { ...latest, minutesToFull: activeCharge(latest) ? (minutes?.m ?? null) : null } : null,
        lastDrive: drive ?? null,
      };
    }),
  );
}

export type DayEnergy = {
  date: string;
  /**
   * Whether the day is over and its history read (`complete`), or still provisional: Tesla's
   * history buckets up to `historyUntil`, then live readings up to `liveUntil` (the sync recomputes
   * the row every run, so today has figures from its first minute).
   */
  complete: boolean;
  historyUntil: Date | null;
  liveUntil: Date | null;
  solarProducedKwh: number | null;
  homeConsumedKwh: number | null;
  gridImportedKwh: number | null;
  gridExportedKwh: number | null;
  /** Share of the home's use not taken from the grid, in %. */
  selfPoweredPercentage: number | null;
};

/** One site's energy_daily row for local date `date` of the site (energy_daily_site_date_uq); null when there is none. */
export async function getDayEnergy(db: Db, p: { siteId: string; date: string }): Promise<DayEnergy | null> {
  const [daily] = await db
    .select({
      complete: energyDaily.complete,
      historyUntil: energyDaily.historyUntil,
      liveUntil: energyDaily.liveUntil,
      solarProducedKwh: energyDaily.solarProducedKwh,
      homeConsumedKwh: energyDaily.homeConsumedKwh,
      gridImportedKwh: energyDaily.gridImportedKwh,
      gridExportedKwh: energyDaily.gridExportedKwh,
      selfPoweredPercentage: energyDaily.selfPoweredPercentage,
    })
    .from(energyDaily)
    .where(and(eq(energyDaily.siteId, p.siteId), eq(energyDaily.date, p.date)))
    .limit(1);
  if (!daily) return null;
  return {
    date: p.date,
    ...daily,
    selfPoweredPercentage: daily.selfPoweredPercentage ?? selfPowered(daily.homeConsumedKwh, daily.gridImportedKwh),
  };
}

/** 100 × (1 − home's grid share); the energy_daily column is preferred where Tesla gave it. */
function selfPowered(home: number | null, homeFromGrid: number | null): number | null {
  if (home == null || homeFromGrid == null || home <= 0) return null;
  return Math.round(Math.max(0, Math.min(100, (1 - homeFromGrid / home) * 100)) * 10) / 10;
}
