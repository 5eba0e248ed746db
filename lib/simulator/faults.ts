import type { Rng } from './rng';

/**
 * Fault injection for robustness tests: a configurable share of `/api/1` requests fails before
 * reaching the model (no side effects), with kinds drawn by weight from a seeded stream, so the
 * same seed and call sequence fail the same calls.
 */
export type FaultKind = '500' | '503' | '540' | 'timeout';

export interface FaultOptions {
  /** Share of requests that fail, 0–1 (default 0). */
  rate: number;
  /** Relative weights of fault kinds (default all 1). */
  weights?: Partial<Record<FaultKind, number>>;
  /**
   * A timeout hangs until the request's AbortSignal fires (rejecting with its reason); without a
   * signal it answers 504 after this many real ms (default 10 000).
   */
  hangMs?: number;
}

const KINDS: FaultKind[] = ['500', '503', '540', 'timeout'];

export class FaultInjector {
  constructor(
    readonly options: FaultOptions,
    readonly rng: Rng,
  ) {}

  /** Draws once per request; null = no fault. */
  draw(): FaultKind | null {
    if (this.options.rate <= 0) return null;
    const hit = this.rng.next() < this.options.rate;
    const pick = this.rng.next();
    if (!hit) return null;
    const weights = KINDS.map((k) => Math.max(0, this.options.weights?.[k] ?? 1));
    const total = weights.reduce((a, b) => a + b, 0);
    let x = pick * total;
    for (let i = 0; i < KINDS.length; i++) {
      x -= weights[i] ?? 0;
      if (x < 0) return KINDS[i] ?? null;
    }
    return null;
  }
}

export const FAULT_BODIES: Record<Exclude<FaultKind, 'timeout'>, { status: number; error: string }> = {
  '500': { status: 500, error: 'upstream internal error' },
  '503': { status: 503, error: 'service unavailable' },
  '540': { status: 540, error: 'device unexpected response' },
};
