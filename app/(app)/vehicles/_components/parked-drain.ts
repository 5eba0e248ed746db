import type { Span } from '@/db/queries/vehicle-detail';
import { addLossByLocalDay, type LossByDay } from '@/lib/stats/activity';
import { HOUR_MS } from '@/lib/time';

export type ParkedDrainDay = { date: string; drainPct: number; parkedHours: number };

/** Parked stretches longer than this count; shorter ones (a stop between errands) say little. */
const MIN_PARKED_MS = 2 * HOUR_MS;

/**
 * Idle drain from the drives' and charges' own battery readings: between the end of one and the
 * start of the next the car only stood, so the level it lost then is idle drain. This needs no
 * sample while the car sleeps (the sync lets it sleep, so there are few). Each parked stretch's
 * loss is spread over it by time and summed per local day. Overlapping spans are skipped.
 */
export function parkedDrain(spans: readonly Span[], timeZone: string): ParkedDrainDay[] {
  const sorted = [...spans].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const days: LossByDay = new Map();
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    if (!a.endedAt || a.endBatteryLevel == null || b.startBatteryLevel == null) continue;
    const total = b.startedAt.getTime() - a.endedAt.getTime();
    if (total < MIN_PARKED_MS) continue;
    addLossByLocalDay(days, { from: a.endedAt, to: b.startedAt }, a.endBatteryLevel - b.startBatteryLevel, timeZone);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, d]) => ({ date, drainPct: Math.round(d.pct * 1000) / 1000, parkedHours: Math.round((d.ms / HOUR_MS) * 1000) / 1000 }));
}
