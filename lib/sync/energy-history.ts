import 'server-only';
import type { BucketRow, DailyRow } from '@/db/queries/sync-energy';
import type { EnergyHistoryBucket } from '@/lib/tesla';

const kwh = (wh: number) => Math.round(wh) / 1000;
const kwhOrNull = (wh: number | null) => (wh === null ? null : kwh(wh));
const pct = (v: number) => Math.round(Math.min(100, Math.max(0, v)) * 100) / 100;

/**
 * Where each bucket of one local day's `calendar_history` ends, read from the data, never assumed:
 * Tesla sends 5-minute, hourly or one-per-day buckets (and leaves holes). The buckets' length is the
 * smallest spacing between two of them; each ends at the next one's start, its length after its
 * start, the day's end or `until` (the moment it was read: the current bucket holds the energy so
 * far), whichever is first. A lone bucket runs to the day's end (or `until`).
 */
export function bucketEnds(starts: readonly Date[], day: { end: Date }, until: Date): Date[] {
  const ms = starts.map((d) => d.getTime());
  const gaps = ms.slice(1).map((t, i) => t - ms[i]!);
  const step = Math.min(...gaps.filter((g) => g > 0));
  const limit = Math.min(day.end.getTime(), until.getTime());
  return ms.map((t, i) => {
    const next = ms[i + 1] !== undefined && ms[i + 1]! > t ? ms[i + 1]! : Infinity;
    return new Date(Math.max(t, Math.min(next, Number.isFinite(step) ? t + step : Infinity, limit)));
  });
}

/**
 * calendar_history buckets (Wh) of one local day as energy_buckets rows (kWh), each ending where
 * `bucketEnds` says. A total Tesla's answer left unreadable is stored null.
 */
export function toBucketRows(siteId: string, buckets: readonly EnergyHistoryBucket[], day: { end: Date }, until: Date): BucketRow[] {
  const sorted = [...buckets].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  const ends = bucketEnds(
    sorted.map((b) => b.timestamp),
    day,
    until,
  );
  return sorted.map((b, i) => ({
    siteId,
    startAt: b.timestamp,
    endAt: ends[i]!,
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
      bucketCount: bs.length,
    };
  });
}
