import type { TouPeriod } from '@/db/schema';
import { localParts, MINUTE_MS } from '@/lib/time';
import type { EnergySegment } from './types';

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * Whether a period covers local (weekday, minute of day). Windows are [from, to) in local time;
 * `to` ≤ `from` crosses midnight (from = to: the whole 24 h). `days` name the day a window *starts*
 * on, so Fri 22:00–06:00 covers Saturday 00:00–06:00 but not Monday 00:00–06:00 unless Sunday is listed.
 */
export function periodCovers(p: TouPeriod, weekday: number, minuteOfDay: number): boolean {
  const from = minutes(p.from);
  const to = minutes(p.to);
  if (to > from) return p.days.includes(weekday) && minuteOfDay >= from && minuteOfDay < to;
  const yesterday = (weekday + 6) % 7;
  return (p.days.includes(weekday) && minuteOfDay >= from) || (p.days.includes(yesterday) && minuteOfDay < to);
}

/** Price per kWh at a local instant: the first covering period, else the tariff's base price. */
export function priceAt(at: Date, periods: readonly TouPeriod[], basePrice: number, timeZone: string): number {
  if (periods.length === 0) return basePrice;
  const { weekday, minuteOfDay } = localParts(at, timeZone);
  return periods.find((p) => periodCovers(p, weekday, minuteOfDay))?.pricePerKwh ?? basePrice;
}

export type PricedEnergy = { pricePerKwh: number; kwh: number; amount: number };

/**
 * Prices energy segments minute by minute (periods start on whole local minutes, and every current
 * zone offset is whole minutes, so a minute never straddles a price change; DST needs no special
 * case). Each segment's kWh is spread evenly over its time. Returns one line per distinct price.
 */
export function priceSegments(
  segments: readonly EnergySegment[],
  periods: readonly TouPeriod[],
  basePrice: number,
  timeZone: string,
): PricedEnergy[] {
  const byPrice = new Map<number, number>();
  for (const seg of segments) {
    const from = seg.from.getTime();
    const to = seg.to.getTime();
    if (to <= from) {
      const price = priceAt(seg.from, periods, basePrice, timeZone);
      byPrice.set(price, (byPrice.get(price) ?? 0) + seg.kwh);
      continue;
    }
    for (let t = from; t < to;) {
      const next = Math.min(to, Math.floor(t / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
      const price = priceAt(new Date(t), periods, basePrice, timeZone);
      byPrice.set(price, (byPrice.get(price) ?? 0) + (seg.kwh * (next - t)) / (to - from));
      t = next;
    }
  }
  return [...byPrice.entries()].sort(([a], [b]) => a - b).map(([pricePerKwh, kwh]) => ({ pricePerKwh, kwh, amount: pricePerKwh * kwh }));
}
