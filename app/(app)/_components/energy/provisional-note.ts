import { formatTime } from '@/lib/format';

/**
 * Where a day's figures come from while the day is not complete, in words: "Powerwall history to
 * 00:15, then live readings to 00:20" (times in `timeZone`). The Today panel and the energy page say
 * the same.
 */
export function provisionalSource(day: { historyUntil: Date | null; liveUntil: Date | null }, timeZone: string): string {
  const history = day.historyUntil ? `the Powerwall's history to ${formatTime(day.historyUntil, timeZone)}` : null;
  const live = day.liveUntil ? `live readings to ${formatTime(day.liveUntil, timeZone)}` : null;
  if (history && live) return `${history}, then ${live}`;
  return history ?? live ?? 'nothing read yet';
}
