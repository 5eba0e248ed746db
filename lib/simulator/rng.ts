/**
 * Seeded PRNG (mulberry32). `fork(label)` derives an independent stream, so each concern (a
 * vehicle's day plans, a site's weather, API faults, …) consumes its own sequence: extra API calls
 * never shift the physics, and the same seed always replays the same world.
 */
export class Rng {
  #state: number;
  readonly #seed: number;
  constructor(seed: number) {
    this.#seed = seed >>> 0;
    this.#state = this.#seed;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return Math.floor(this.float(min, max + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from empty list');
    return item;
  }

  /** Hex string of `length` chars (ids, token bodies). */
  hex(length: number): string {
    let s = '';
    while (s.length < length) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }

  /** Independent stream derived from this stream's seed and `label` (not from its position). */
  fork(label: string | number): Rng {
    return new Rng(hash32(`${this.#seed}:${label}`));
  }
}

/** FNV-1a 32-bit hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Root stream for a seed (numbers and strings both accepted). */
export function rootRng(seed: number | string): Rng {
  return new Rng(typeof seed === 'number' ? hash32(`seed:${seed}`) : hash32(seed));
}
