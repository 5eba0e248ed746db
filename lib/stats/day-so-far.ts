import { HOUR_MS, MINUTE_MS } from '@/lib/time';
import type { HistoryBucket, PowerSnapshot } from './day-power';

/** A live reading stands for the power until the next one, for at most this long. */
export const LIVE_HOLD_MS = 15 * MINUTE_MS;

/** A day's energy in kWh, the way energy_daily keeps it. */
export type DayEnergyTotals = {
  solarProducedKwh: number;
  solarExportedKwh: number;
  batteryChargedKwh: number;
  batteryDischargedKwh: number;
  gridImportedKwh: number;
  gridExportedKwh: number;
  homeConsumedKwh: number;
  /** The home's draw from the grid (for the self-powered share). */
  homeFromGridKwh: number;
};

export type DaySoFar = DayEnergyTotals & {
  /** End of the last history bucket used (null: none for the day yet). */
  historyUntil: Date | null;
  /** The newest live reading used (null: none). */
  liveUntil: Date | null;
  /** How much of [start, until) the figures cover, ms. */
  coveredMs: number;
};

const ZERO: DayEnergyTotals = {
  solarProducedKwh: 0,
  solarExportedKwh: 0,
  batteryChargedKwh: 0,
  batteryDischargedKwh: 0,
  gridImportedKwh: 0,
  gridExportedKwh: 0,
  homeConsumedKwh: 0,
  homeFromGridKwh: 0,
};

/** A stored history bucket (kWh) with the Powerwall's intake by source. */
export type DayBucket = HistoryBucket & { batteryFromSolarKwh: number; batteryFromGridKwh: number };

function addBucket(t: DayEnergyTotals, b: DayBucket): void {
  // Totals are null in rows stored before they were kept: the directed flows say most of it.
  const solar = b.solarKwh ?? b.homeFromSolarKwh + b.batteryFromSolarKwh;
  t.solarProducedKwh += solar;
  t.homeConsumedKwh += b.homeFromSolarKwh + b.homeFromBatteryKwh + b.homeFromGridKwh;
  t.homeFromGridKwh += b.homeFromGridKwh;
  t.batteryDischargedKwh += b.batteryDischargedKwh;
  t.batteryChargedKwh += b.batteryChargedKwh ?? b.batteryFromSolarKwh + b.batteryFromGridKwh;
  t.gridImportedKwh += b.gridImportedKwh ?? b.homeFromGridKwh + b.batteryFromGridKwh;
  t.gridExportedKwh += b.gridExportedKwh ?? 0;
  // Solar that neither the home nor the Powerwall took went to the grid (Tesla's grid_energy_exported_from_solar).
  t.solarExportedKwh += Math.min(b.gridExportedKwh ?? 0, Math.max(0, solar - b.homeFromSolarKwh - b.batteryFromSolarKwh));
}

/**
 * Adds `hours` of one live reading (W; Tesla's signs: battery > 0 discharging, grid > 0 importing),
 * allocating the flows the way the gateway does: solar serves the home first, a discharging
 * Powerwall the rest, the grid what remains; a charging Powerwall takes surplus solar first.
 */
function addReading(t: DayEnergyTotals, s: PowerSnapshot, hours: number): void {
  const kwh = (w: number) => (w * hours) / 1000;
  const solar = Math.max(0, s.solarPowerW ?? 0);
  const home = Math.max(0, s.loadPowerW ?? 0);
  const battery = s.batteryPowerW ?? 0;
  const grid = s.gridPowerW ?? 0;
  const solarToHome = Math.min(solar, home);
  const batteryToHome = battery > 0 ? Math.min(battery, home - solarToHome) : 0;
  const solarToBattery = battery < 0 ? Math.min(-battery, solar - solarToHome) : 0;
  t.solarProducedKwh += kwh(solar);
  t.homeConsumedKwh += kwh(home);
  t.homeFromGridKwh += kwh(Math.max(0, home - solarToHome - batteryToHome));
  t.batteryDischargedKwh += kwh(Math.max(0, battery));
  t.batteryChargedKwh += kwh(Math.max(0, -battery));
  t.gridImportedKwh += kwh(Math.max(0, grid));
  t.gridExportedKwh += kwh(Math.max(0, -grid));
  t.solarExportedKwh += kwh(Math.min(Math.max(0, -grid), Math.max(0, solar - solarToHome - solarToBattery)));
}

/**
 * A local day's energy so far, for the provisional energy_daily row of a day that is not over (or
 * whose history Tesla has not settled yet): Tesla's history buckets where stored, then the live
 * readings after the last of them, each reading standing for the power until the next one (at most
 * LIVE_HOLD_MS; a longer gap stays uncovered and `coveredMs` says so). Everything is clipped to
 * [start, until). `snapshots` should include the last reading before the window (it may hold into it).
 */
export function daySoFar(buckets: readonly DayBucket[], snapshots: readonly PowerSnapshot[], p: { start: Date; until: Date }): DaySoFar {
  const start = p.start.getTime();
  const until = p.until.getTime();
  const t = { ...ZERO };
  let historyEnd = start;
  let covered = 0;
  let historyUntil: Date | null = null;
  for (const b of [...buckets].sort((x, y) => x.startAt.getTime() - y.startAt.getTime())) {
    const from = b.startAt.getTime();
    const to = b.endAt.getTime();
    if (from < start || to > until || to <= from) continue;
    addBucket(t, b);
    covered += to - from;
    historyEnd = Math.max(historyEnd, to);
    historyUntil = new Date(historyEnd);
  }
  const readings = [...snapshots].sort((x, y) => x.timestamp.getTime() - y.timestamp.getTime());
  let liveUntil: Date | null = null;
  readings.forEach((s, i) => {
    const at = s.timestamp.getTime();
    const next = readings[i + 1]?.timestamp.getTime() ?? until;
    const from = Math.max(at, historyEnd);
    const to = Math.min(next, at + LIVE_HOLD_MS, until);
    if (at >= start && at <= until) liveUntil = s.timestamp;
    if (to <= from) return;
    addReading(t, s, (to - from) / HOUR_MS);
    covered += to - from;
  });
  return { ...t, historyUntil, liveUntil, coveredMs: covered };
}
