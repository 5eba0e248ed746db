/**
 * Time as lib/tesla sees it. Live traffic runs on the wall clock. With the in-process simulator the
 * client runs on the simulator's virtual clock, so the limiter, the cache TTLs, Retry-After and
 * backoff all measure simulated time and 90 simulated days of polling take seconds of real time.
 *
 * Contract of a virtual clock: `sleep(ms)` moves the shared virtual time forward, but only while no
 * request is between "reserved a limiter slot" and "got its response" (`hold`). That keeps the
 * simulator's request times identical to the ones the limiter reserved, even with several clients
 * on one clock. Code must never call `sleep` inside `hold` (it would wait for itself).
 */
export interface TeslaClock {
  readonly kind: 'real' | 'virtual';
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Runs one request attempt during which virtual time stands still. */
  hold<T>(fn: () => Promise<T>): Promise<T>;
}

/** A clock that can be moved forward, like the simulator's VirtualClock. */
export type SettableClock = { now(): number; set(ms: number): void };

export const realClock: TeslaClock = {
  kind: 'real',
  // eslint-disable-next-line no-restricted-syntax -- live Tesla traffic runs on the wall clock (TESSIE_CLOCK is refused with TESLA_MODE=live)
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  hold: (fn) => fn(),
};

type Timer = { at: number; resolve: () => void };

class VirtualScheduler implements TeslaClock {
  readonly kind = 'virtual';
  #busy = 0;
  #timers: Timer[] = [];
  #pumping = false;

  constructor(private readonly source: SettableClock) {}

  now(): number {
    return this.source.now();
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#timers.push({ at: this.source.now() + ms, resolve });
      this.#pump();
    });
  }

  async hold<T>(fn: () => Promise<T>): Promise<T> {
    this.#busy++;
    try {
      return await fn();
    } finally {
      this.#busy--;
      this.#pump();
    }
  }

  /** After pending I/O callbacks, if nobody is mid-request, jumps to the earliest timer and fires it. */
  #pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    setImmediate(() => {
      this.#pumping = false;
      if (this.#busy > 0 || this.#timers.length === 0) return;
      this.#timers.sort((a, b) => a.at - b.at);
      const at = this.#timers[0]!.at;
      if (at > this.source.now()) this.source.set(at);
      const due = this.#timers.filter((t) => t.at <= this.source.now());
      this.#timers = this.#timers.filter((t) => t.at > this.source.now());
      for (const t of due) t.resolve();
      if (this.#timers.length > 0) this.#pump();
    });
  }
}

const schedulers = new WeakMap<SettableClock, TeslaClock>();

/** The TeslaClock over a settable virtual clock; one scheduler per source, shared by every client on it. */
export function virtualClock(source: SettableClock): TeslaClock {
  let s = schedulers.get(source);
  if (!s) {
    s = new VirtualScheduler(source);
    schedulers.set(source, s);
  }
  return s;
}

/** Accepts a TeslaClock, a settable virtual clock (the simulator's), or nothing (wall clock). */
export function toTeslaClock(clock?: TeslaClock | SettableClock | { now(): number }): TeslaClock {
  if (!clock) return realClock;
  if ('sleep' in clock && 'hold' in clock) return clock;
  if ('set' in clock && typeof clock.set === 'function') return virtualClock(clock);
  return realClock;
}
