import 'server-only';
import type { BucketRow, DailyRow } from '@/db/queries/sync-energy';
import type { EnergyHistoryBucket } from '@/lib/tesla';

const BUCKET_MS = 300_000;
const kwh = (wh: number) => Math.round(wh) / 1000;
const kwhOrNull = (wh: number | null) => (wh === null ? null : kwh(wh));
const pct = (v: number) => Math.round(Math.min(100, Math.max(0, v)) * 100) / 100;

/** calendar_history buckets (Wh) as energy_buckets rows (kWh); each ends where the next starts. A total Tesla's answer left unreadable is stored null. */
export function toBucketRows(siteId: string, buckets: readonly EnergyHistoryBucket[]): BucketRow[] {
  return buckets.map((b, i) => ({
    siteId,
    startAt: b.timestamp,
    endAt: buckets[i + 1]?.timestamp ?? new Date(b.timestamp.getTime() + BUCKET_MS),
    homeFromSolarKwh: kwh(b.homeFromSolarWh),
    homeFromBatteryKwh: kwh(b.homeFromBatteryWh),
    homeFromGridKwh: kwh(b.homeFromGridWh),
    batteryFromSolarKwh: kwh(b.batteryChargedFromSolarWh),
    batteryFromGridKwh: kwh(b.batteryChargedFromGridWh),
    batteryDischargedKwh: kwh(b.batteryDischargedWh),
    solarKwh: kwhOrNull(b.solarWh),
    gridImportedKwh: kwhOrNull(b.gridImportedWh),
    gridExportedKwh: kwhOrNull(b.gridExportedWh),
    batteryChargedKwh: kwhOrNull(b.batteryChargedWh),
  }));
}

/**
 * Daily totals from buckets grouped by local date (reference §7.5): self-consumption = 1 − solar
 * exported to the grid ÷ solar produced; self-powered = 1 − home from grid ÷ home usage. A bucket
 * total Tesla left unreadable is taken from the directed flows where they say it (solar, home,
 * grid import, Powerwall charge) and left out of the sum otherwise.
 */
export function toDailyRows(
  siteId: string,
  buckets: readonly (EnergyHistoryBucket & { date: string })[],
  complete: (date: string) => boolean,
): DailyRow[] {
  const byDate = new Map<string, EnergyHistoryBucket[]>();
  for (const b of buckets) byDate.set(b.date, [...(byDate.get(b.date) ?? []), b]);
  return [...byDate.entries()].map(([date, bs]) => {
    const sum = (f: (b: EnergyHistoryBucket) => number | null) => bs.reduce((s, b) => s + (f(b) ?? 0), 0);
    const solar = sum((b) => b.solarWh ?? b.homeFromSolarWh + b.batteryChargedFromSolarWh + (b.gridExportedFromSolarWh ?? 0));
    const home = sum((b) => b.homeWh ?? b.homeFromSolarWh + b.homeFromBatteryWh + b.homeFromGridWh);
    return {
      siteId,
      date,
      solarProducedKwh: kwh(solar),
      solarExportedKwh: kwh(sum((b) => b.gridExportedFromSolarWh)),
      batteryChargedKwh: kwh(sum((b) => b.batteryChargedWh ?? b.batteryChargedFromSolarWh + b.batteryChargedFromGridWh)),
      batteryDischargedKwh: kwh(sum((b) => b.batteryDischargedWh)),
      gridImportedKwh: kwh(sum((b) => b.gridImportedWh ?? b.homeFromGridWh + b.batteryChargedFromGridWh)),
      gridExportedKwh: kwh(sum((b) => b.gridExportedWh)),
      homeConsumedKwh: kwh(home),
      selfConsumptionPercentage: solar > 0 ? pct((1 - sum((b) => b.gridExportedFromSolarWh) / solar) * 100) : null,
      selfPoweredPercentage: home > 0 ? pct((1 - sum((b) => b.homeFromGridWh) / home) * 100) : null,
      complete: complete(date),
      rawData: { buckets: bs.length },
    };
  });
}
