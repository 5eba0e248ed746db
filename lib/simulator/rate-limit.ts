import type { BillingCategory } from '@/lib/fleet-api/billing';

/**
 * Per-device, per-category sliding one-minute windows (reference §5.2: data 60, commands 30,
 * wakes 3 requests/min per device — [U] exact numbers). Categories without a limit are unlimited.
 * Only admitted requests count toward the window.
 */
export type RateLimits = Partial<Record<BillingCategory, number>>;
export const DEFAULT_RATE_LIMITS: RateLimits = { data: 60, command: 30, wake: 3 };

const WINDOW_MS = 60_000;

export interface RateDecision {
  limited: boolean;
  limit: number;
  remaining: number;
  retryAfterS: number;
  resetS: number;
}

export class RateLimiter {
  readonly #hits = new Map<string, number[]>();
  constructor(readonly limits: RateLimits) {}

  /** Admits (and counts) or rejects a request of `category` for `device` at `now`. */
  check(category: BillingCategory, device: string, now: number): RateDecision | null {
    const limit = this.limits[category];
    if (limit === undefined) return null;
    const key = `${category}|${device}`;
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    this.#hits.set(key, hits);
    const oldest = hits[0] ?? now;
    const resetS = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    if (hits.length >= limit) return { limited: true, limit, remaining: 0, retryAfterS: resetS, resetS };
    hits.push(now);
    return { limited: false, limit, remaining: limit - hits.length, retryAfterS: 0, resetS };
  }
}
