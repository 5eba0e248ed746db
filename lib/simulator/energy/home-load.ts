import type { Rng } from '../rng';
import { localParts } from '../time-zone';

/**
 * Household base load in W (everything but the Wall Connector): a daily shape with morning and
 * evening peaks, more daytime use at weekends, heating below 12 °C and cooling above 24 °C, and
 * appliance noise held for 5 minutes at a time.
 */
export interface HomeLoadSpec {
  /** Night-time floor, W. */
  baseW: number;
  /** Height of the evening peak over the floor, W. */
  peakW: number;
  /** Extra W per °C below 12 °C (heat pump); per °C above 24 °C cooling uses twice this. */
  thermalWPerC: number;
}

const HOURLY_SHAPE = [0, 0, 0, 0, 0, 0.05, 0.3, 0.55, 0.4, 0.2, 0.15, 0.2, 0.3, 0.2, 0.15, 0.2, 0.35, 0.6, 0.9, 1, 0.85, 0.6, 0.35, 0.1];
const WEEKEND_SHAPE = [0, 0, 0, 0, 0, 0, 0.05, 0.2, 0.45, 0.5, 0.45, 0.5, 0.6, 0.45, 0.4, 0.4, 0.45, 0.65, 0.9, 1, 0.85, 0.6, 0.35, 0.1];

export class HomeLoad {
  #noiseSlot = -1;
  #noiseW = 0;
  constructor(
    readonly spec: HomeLoadSpec,
    readonly tz: string,
    readonly rng: Rng,
  ) {}

  loadW(ms: number, tempC: number): number {
    const p = localParts(this.tz, ms);
    const shape = p.weekday === 0 || p.weekday === 6 ? WEEKEND_SHAPE : HOURLY_SHAPE;
    const h = Math.floor(p.minuteOfDay / 60) % 24;
    const frac = p.minuteOfDay / 60 - Math.floor(p.minuteOfDay / 60);
    const profile = (shape[h] ?? 0) * (1 - frac) + (shape[(h + 1) % 24] ?? 0) * frac;
    const slot = Math.floor(ms / 300_000);
    if (slot !== this.#noiseSlot) {
      this.#noiseSlot = slot;
      this.#noiseW = this.rng.chance(0.08) ? this.rng.float(800, 2200) : this.rng.float(0, 150);
    }
    const thermal = this.spec.thermalWPerC * (Math.max(0, 12 - tempC) + 2 * Math.max(0, tempC - 24));
    return this.spec.baseW + this.spec.peakW * profile + thermal + this.#noiseW;
  }
}
