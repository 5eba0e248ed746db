/**
 * How finely Tesla's energy history follows the day. `calendar_history?period=day` comes in 5-minute
 * buckets, hourly ones (Home Assistant PR 157508, 2025) or one per day (the older API), and the
 * bucket length is read from the data, never assumed (lib/sync/energy-history.ts). Anything longer
 * than 5 minutes is coarse: a solar split or a power chart then shows averages over that length.
 */
export type HistoryResolution = { minutes: number; coarse: boolean; words: string };

export const FINE_BUCKET_MINUTES = 5;

/** Words for a bucket length: "5-minute", "hourly", "daily", "30-minute". */
export function resolutionOf(minutes: number): HistoryResolution {
  const words =
    minutes >= 1440
      ? 'daily'
      : minutes === 60
        ? 'hourly'
        : minutes > 60 && minutes % 60 === 0
          ? `${minutes / 60}-hour`
          : `${minutes}-minute`;
  return { minutes, coarse: minutes > FINE_BUCKET_MINUTES, words };
}

/**
 * The resolution of a day's stored buckets: their most common length (the current bucket of today,
 * cut at the moment it was read, does not outvote the others); null without buckets.
 */
export function bucketResolution(buckets: readonly { startAt: Date; endAt: Date }[]): HistoryResolution | null {
  const counts = new Map<number, number>();
  for (const b of buckets) {
    const m = Math.round((b.endAt.getTime() - b.startAt.getTime()) / 60_000);
    if (m > 0) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  // A lone bucket longer than an hour is the day's one entry (cut at the moment it was read today).
  if (buckets.length === 1 && [...counts.keys()][0]! > 60) return resolutionOf(1440);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
  return best ? resolutionOf(best[0]) : null;
}
