import { HOUR_MS } from '@/lib/time';

/** A live_status snapshot (W; Tesla's signs: battery > 0 discharging, grid > 0 importing). */
export type PowerSnapshot = {
  timestamp: Date;
  solarPowerW: number | null;
  loadPowerW: number | null;
  batteryPowerW: number | null;
  gridPowerW: number | null;
};

/** A calendar_history bucket (kWh); the totals are null in buckets stored before they were kept. */
export type HistoryBucket = {
  startAt: Date;
  endAt: Date;
  homeFromSolarKwh: number;
  homeFromBatteryKwh: number;
  homeFromGridKwh: number;
  batteryDischargedKwh: number;
  solarKwh: number | null;
  gridImportedKwh: number | null;
  gridExportedKwh: number | null;
  batteryChargedKwh: number | null;
};

/** Power at one instant, W, with Tesla's signs; `source` says where it came from. */
export type PowerPoint = {
  at: Date;
  solarW: number | null;
  homeW: number | null;
  batteryW: number | null;
  gridW: number | null;
  source: 'history' | 'live';
};

/**
 * Power through a day for the energy page: the Powerwall's own 5-minute history where Tesla has
 * delivered it (average power = kWh of the bucket ÷ its length: a closed day is complete even when
 * no sync ran), then the live snapshots taken after the last such bucket (today's recent hours).
 * Signs stay Tesla's: Powerwall > 0 discharging (discharged − charged), grid > 0 importing
 * (imported − exported). Buckets without the totals are skipped (rows stored before they were kept).
 */
export function dayPowerSeries(snapshots: readonly PowerSnapshot[], buckets: readonly HistoryBucket[]): PowerPoint[] {
  const out: PowerPoint[] = [];
  let historyEnd = -Infinity;
  for (const b of buckets) {
    if (b.solarKwh === null || b.gridImportedKwh === null || b.gridExportedKwh === null || b.batteryChargedKwh === null) continue;
    const hours = (b.endAt.getTime() - b.startAt.getTime()) / HOUR_MS;
    if (hours <= 0) continue;
    const w = (kwh: number) => Math.round((kwh / hours) * 1000);
    out.push({
      at: b.startAt,
      solarW: w(b.solarKwh),
      homeW: w(b.homeFromSolarKwh + b.homeFromBatteryKwh + b.homeFromGridKwh),
      batteryW: w(b.batteryDischargedKwh - b.batteryChargedKwh),
      gridW: w(b.gridImportedKwh - b.gridExportedKwh),
      source: 'history',
    });
    historyEnd = Math.max(historyEnd, b.endAt.getTime());
  }
  out.sort((a, b) => a.at.getTime() - b.at.getTime());
  const live = snapshots
    .filter((s) => s.timestamp.getTime() >= historyEnd)
    .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())
    .map((s): PowerPoint => ({
      at: s.timestamp,
      solarW: s.solarPowerW,
      homeW: s.loadPowerW,
      batteryW: s.batteryPowerW,
      gridW: s.gridPowerW,
      source: 'live',
    }));
  return [...out, ...live];
}
