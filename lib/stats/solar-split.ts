import { overlapMs } from '@/lib/time';
import type { EnergySegment } from './types';

/**
 * One interval of the site's recorded flows (calendar_history `time_series` entry, Wh ÷ 1000, or a
 * bucket built from live power by `bucketsFromLiveStatus`). "Home" is everything behind the gateway,
 * the Wall Connector included: the car's energy is part of these figures.
 */
export type SiteEnergyBucket = {
  start: Date;
  end: Date;
  /** consumer_energy_imported_from_solar / _battery / _grid */
  homeFromSolarKwh: number;
  homeFromBatteryKwh: number;
  homeFromGridKwh: number;
  /** battery_energy_imported_from_solar / _grid */
  batteryFromSolarKwh: number;
  batteryFromGridKwh: number;
  /** battery_energy_exported (to home and grid); defaults to homeFromBatteryKwh. */
  batteryDischargedKwh?: number;
};

export const ATTRIBUTION_RULES = ['house_first', 'car_first', 'proportional'] as const;
export type AttributionRule = (typeof ATTRIBUTION_RULES)[number];

export type SolarSplitOptions = {
  rule: AttributionRule;
  /**
   * The Powerwall's content at the first bucket's start, when known. Unknown content is assumed not
   * solar (`solarFraction` 0): feed a day or two of buckets before the session so the tracked
   * fraction no longer depends on it.
   */
  battery?: { storedKwh: number; solarFraction: number };
};

export type SolarSplit = {
  rule: AttributionRule;
  /** The session's energy (Σ profile). solarKwh + batteryKwh + gridKwh = totalKwh. */
  totalKwh: number;
  /** Straight from the panels. */
  solarKwh: number;
  /** From the Powerwall; split below by how the Powerwall had been charged. */
  batteryKwh: number;
  gridKwh: number;
  batterySolarKwh: number;
  batteryGridKwh: number;
  /** solarKwh + batterySolarKwh: the "sunshine" in this charge. */
  solarShareKwh: number;
  /** solarShareKwh ÷ totalKwh × 100. */
  solarPercentage: number;
  /** solarKwh ÷ totalKwh × 100 (Powerwall energy not counted). */
  directSolarPercentage: number;
  /** Session energy no bucket covered (counted as grid), or beyond the home's recorded usage in a bucket. */
  uncoveredKwh: number;
  /** When the solar share (direct + Powerwall-solar) flowed, per bucket: lets TOU pricing value it at its own time. */
  solarProfile: EnergySegment[];
  /** Shown beside the figure. */
  statement: string;
};

/**
 * Splits a home charge into solar / Powerwall / grid kWh, bucket by bucket.
 *
 * 1. The car's energy in a bucket is its profile prorated by time overlap (a 20-minute segment
 *    half inside a bucket puts half its kWh there); profile energy outside every bucket is grid.
 * 2. Within a bucket the home's sources S (solar), B (Powerwall), G (grid) are shared between the car
 *    (c kWh) and the rest of the house (h = S + B + G − c) by the rule, in merit order solar → Powerwall → grid:
 *    - `house_first`: the house takes solar, then Powerwall, then grid; the car gets what is left;
 *    - `car_first`: the car takes solar, then Powerwall, then grid; the house gets what is left;
 *    - `proportional`: both get the bucket's mix (c·S/H, c·B/H, c·G/H): what the gateway's own
 *      totals imply when nothing is known about priorities.
 *    Car energy beyond the bucket's home usage (clock skew between car and site) is grid.
 * 3. The Powerwall's solar fraction is tracked across all buckets: its content gains
 *    battery_energy_imported_from_solar / _grid and loses discharge in proportion to what it holds.
 *    The car's Powerwall kWh count as solar in the fraction held at the start of each bucket
 *    (round-trip losses shrink both parts alike, so they do not move the fraction).
 */
export function splitChargeEnergy(
  profile: readonly EnergySegment[],
  buckets: readonly SiteEnergyBucket[],
  opts: SolarSplitOptions,
): SolarSplit {
  const sorted = [...buckets].sort((a, b) => a.start.getTime() - b.start.getTime());
  const unknownFraction = opts.battery?.solarFraction ?? 0;
  let storedSolar = (opts.battery?.storedKwh ?? 0) * unknownFraction;
  let storedGrid = (opts.battery?.storedKwh ?? 0) * (1 - unknownFraction);
  const totalKwh = profile.reduce((s, p) => s + p.kwh, 0);
  let solar = 0;
  let battery = 0;
  let batterySolar = 0;
  let covered = 0;
  let beyond = 0;
  const solarProfile: EnergySegment[] = [];
  const spanFrom = Math.min(...profile.map((p) => p.from.getTime()));
  const spanTo = Math.max(...profile.map((p) => p.to.getTime()));
  for (const b of sorted) {
    const content = storedSolar + storedGrid;
    const charged = b.batteryFromSolarKwh + b.batteryFromGridKwh;
    const fraction = content > 1e-9 ? storedSolar / content : charged > 0 ? b.batteryFromSolarKwh / charged : unknownFraction;
    const car = carShareOf(profile, b);
    if (car > 0) {
      const [cs, cb, cg] = allocate(opts.rule, car, b.homeFromSolarKwh, b.homeFromBatteryKwh, b.homeFromGridKwh);
      solar += cs;
      battery += cb;
      batterySolar += cb * fraction;
      beyond += car - cs - cb - cg;
      covered += car;
      const from = Math.max(spanFrom, b.start.getTime());
      const to = Math.min(spanTo, b.end.getTime());
      if (cs + cb * fraction > 0 && to > from) solarProfile.push({ from: new Date(from), to: new Date(to), kwh: cs + cb * fraction });
    }
    const discharged = b.batteryDischargedKwh ?? b.homeFromBatteryKwh;
    storedSolar = Math.max(0, storedSolar + b.batteryFromSolarKwh - discharged * fraction);
    storedGrid = Math.max(0, storedGrid + b.batteryFromGridKwh - discharged * (1 - fraction));
  }
  const uncoveredKwh = Math.max(0, totalKwh - covered) + beyond;
  const grid = Math.max(0, totalKwh - solar - battery);
  const pct = (v: number) => (totalKwh > 0 ? (v / totalKwh) * 100 : 0);
  return {
    rule: opts.rule,
    totalKwh,
    solarKwh: solar,
    batteryKwh: battery,
    gridKwh: grid,
    batterySolarKwh: batterySolar,
    batteryGridKwh: battery - batterySolar,
    solarShareKwh: solar + batterySolar,
    solarPercentage: pct(solar + batterySolar),
    directSolarPercentage: pct(solar),
    uncoveredKwh,
    solarProfile,
    statement: describeRule(opts.rule, battery > 0 ? batterySolar / battery : null),
  };
}

/** The car's kWh inside one bucket: each profile segment prorated by its time overlap. */
function carShareOf(profile: readonly EnergySegment[], b: SiteEnergyBucket): number {
  let kwh = 0;
  for (const seg of profile) {
    const len = seg.to.getTime() - seg.from.getTime();
    if (len > 0) kwh += (seg.kwh * overlapMs(seg, { from: b.start, to: b.end })) / len;
  }
  return kwh;
}

/** [solar, battery, grid] for the car; their sum is min(car, S + B + G). */
function allocate(rule: AttributionRule, car: number, s: number, b: number, g: number): [number, number, number] {
  const home = s + b + g;
  const c = Math.min(car, home);
  if (home <= 0) return [0, 0, 0];
  if (rule === 'proportional') return [(c * s) / home, (c * b) / home, (c * g) / home];
  if (rule === 'car_first') {
    const cs = Math.min(c, s);
    const cb = Math.min(c - cs, b);
    return [cs, cb, c - cs - cb];
  }
  const house = home - c;
  const hs = Math.min(house, s);
  const hb = Math.min(house - hs, b);
  const cs = Math.min(c, s - hs);
  const cb = Math.min(c - cs, b - hb);
  return [cs, cb, c - cs - cb];
}

const RULE_TEXT: Record<AttributionRule, string> = {
  house_first:
    "House load first: in each recorded interval the home's own load takes solar, then Powerwall, then grid energy; the car is credited with what is left.",
  car_first: 'Car first: in each recorded interval the car takes solar, then Powerwall, then grid energy before the rest of the home.',
  proportional: 'Proportional: in each recorded interval the car gets the same solar / Powerwall / grid mix as the whole home.',
};

/** The human-readable rule, with the Powerwall's solar fraction when the car drew from it. */
export function describeRule(rule: AttributionRule, batterySolarFraction: number | null): string {
  const battery =
    batterySolarFraction === null
      ? 'Powerwall energy counts as solar only in the share the Powerwall was charged from solar.'
      : `Powerwall energy counts as solar only in the share the Powerwall was charged from solar (${Math.round(batterySolarFraction * 100)} % during this charge).`;
  return `${RULE_TEXT[rule]} ${battery}`;
}
