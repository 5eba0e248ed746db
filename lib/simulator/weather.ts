import type { Rng } from './rng';
import { localParts } from './time-zone';

/**
 * Deterministic weather at the scenario's home: outdoor temperature (°C) and sky clearness (0–1)
 * as smooth functions of time, with per-day randomness drawn from a stream keyed by the local
 * date — the same seed gives the same weather for a date however the simulation got there.
 */
export interface ClimateSpec {
  /** Annual mean temperature, °C. */
  meanC: number;
  /** Half the summer–winter swing of daily means, °C. */
  seasonalAmpC: number;
  /** Half the day–night swing, °C. */
  diurnalAmpC: number;
  /** Probability of a sunny / partly cloudy day in midsummer (rest overcast); winter is gloomier. */
  sunnyShare: number;
  partlyShare: number;
}

interface DayWeather {
  tempOffsetC: number;
  clearness: number;
  variability: number;
  phases: [number, number, number];
}

export class Weather {
  readonly #days = new Map<string, DayWeather>();
  constructor(
    readonly climate: ClimateSpec,
    readonly tz: string,
    readonly lat: number,
    readonly rng: Rng,
  ) {}

  #day(year: number, month: number, day: number, dayOfYear: number): DayWeather {
    const key = `${year}-${month}-${day}`;
    let w = this.#days.get(key);
    if (!w) {
      const r = this.rng.fork(key);
      const summer = this.#summerness(dayOfYear);
      const sunny = this.climate.sunnyShare * (0.55 + 0.45 * summer);
      const partly = this.climate.partlyShare;
      const u = r.next();
      const [clearness, variability] =
        u < sunny ? [r.float(0.85, 1), 0.05] : u < sunny + partly ? [r.float(0.45, 0.75), 0.4] : [r.float(0.1, 0.3), 0.25];
      w = { tempOffsetC: r.normal() * 2.5, clearness, variability, phases: [r.float(0, 6.28), r.float(0, 6.28), r.float(0, 6.28)] };
      this.#days.set(key, w);
    }
    return w;
  }

  /** 1 at the local summer solstice, 0 at the winter one (hemisphere-aware). */
  #summerness(dayOfYear: number): number {
    const north = 0.5 + 0.5 * Math.cos((2 * Math.PI * (dayOfYear - 172)) / 365.25);
    return this.lat >= 0 ? north : 1 - north;
  }

  /** Outdoor temperature, °C. */
  temperatureC(ms: number): number {
    const p = localParts(this.tz, ms);
    const d = this.#day(p.year, p.month, p.day, p.dayOfYear);
    const seasonal = this.climate.seasonalAmpC * (2 * this.#summerness(p.dayOfYear) - 1);
    const diurnal = this.climate.diurnalAmpC * Math.cos((2 * Math.PI * (p.minuteOfDay / 60 - 15)) / 24);
    return this.climate.meanC + seasonal + diurnal + d.tempOffsetC;
  }

  /** Fraction of clear-sky irradiance reaching the panels (clouds passing on partly cloudy days). */
  clearness(ms: number): number {
    const p = localParts(this.tz, ms);
    const d = this.#day(p.year, p.month, p.day, p.dayOfYear);
    const m = p.minuteOfDay;
    const wobble = Math.sin(m / 23 + d.phases[0]) * 0.5 + Math.sin(m / 9 + d.phases[1]) * 0.3 + Math.sin(m / 61 + d.phases[2]) * 0.2;
    return Math.min(1, Math.max(0.03, d.clearness * (1 + d.variability * wobble)));
  }
}
