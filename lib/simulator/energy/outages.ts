import type { Rng } from '../rng';
import type { SiteSpec } from '../scenario-types';
import { DAY_MS } from '../time-zone';

/**
 * Grid outages drawn per UTC day from a date-keyed stream (so the schedule does not depend on
 * the simulation start): each day has an outage with probability per30Days / 30.
 */
export class OutageSchedule {
  readonly #days = new Map<number, { start: number; end: number } | null>();
  constructor(
    readonly spec: SiteSpec['outages'],
    readonly rng: Rng,
  ) {}

  #outageOfDay(day: number): { start: number; end: number } | null {
    let o = this.#days.get(day);
    if (o === undefined) {
      const r = this.rng.fork(`outage:${day}`);
      o = null;
      if (this.spec && r.chance(this.spec.per30Days / 30)) {
        const start = day * DAY_MS + Math.floor(r.float(0, DAY_MS) / 60_000) * 60_000;
        const minutes = Math.round(r.float(this.spec.minutes[0], this.spec.minutes[1]));
        o = { start, end: start + minutes * 60_000 };
      }
      this.#days.set(day, o);
    }
    return o;
  }

  /** The outage covering instant `ms`, if any (checks the previous day for spill-over). */
  at(ms: number): { start: number; end: number } | null {
    const day = Math.floor(ms / DAY_MS);
    for (const d of [day, day - 1]) {
      const o = this.#outageOfDay(d);
      if (o && o.start <= ms && ms < o.end) return o;
    }
    return null;
  }
}
