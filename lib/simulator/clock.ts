/** A source of "now" in epoch ms. The simulator never reads Date.now() directly. */
export interface Clock {
  now(): number;
  readonly kind: 'virtual' | 'real';
}

/** Manually driven time for tests and seeding: moves only when told to. */
export class VirtualClock implements Clock {
  readonly kind = 'virtual';
  #now: number;
  constructor(startMs: number) {
    this.#now = startMs;
  }
  now(): number {
    return this.#now;
  }
  /** Moves time forward (never backward: the physics cannot rewind). */
  set(ms: number): void {
    if (ms < this.#now) throw new Error(`VirtualClock cannot go back (${ms} < ${this.#now})`);
    this.#now = ms;
  }
  advance(ms: number): void {
    this.set(this.#now + ms);
  }
}

/** Wall-clock time for the demo server. */
export class RealClock implements Clock {
  readonly kind = 'real';
  now(): number {
    return Date.now();
  }
}
