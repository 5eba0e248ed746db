import 'server-only';
import PQueue from 'p-queue';
import { and, desc, gt, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiRequests } from '@/db/schema';
import type { BillingCategory } from '@/lib/fleet-api';
import { monthlyBudgetUsd, readAccount } from './account-store';
import type { TeslaConfig } from './config';
import { TeslaBudgetExceededError, TeslaRateLimitedError, TeslaWakeLimitError } from './errors';
import { costSince, monthStart, priceOf, reserveRequest, wakesSince } from './ledger';

/**
 * Two layers keep Tesla traffic inside TESLA_RATE_PER_SECOND / TESLA_RATE_PER_MINUTE:
 * - in-process, a p-queue with concurrency 1 serialises this client's requests (no bursts, no
 *   retry storms: a request's retries and waits happen inside its own turn);
 * - across processes, `reserveSlot` runs under a Postgres advisory lock and counts the
 *   `api_requests` rows of the last minute before inserting this request's row, so every instance
 *   sharing the database shares the limit. It also applies the stored 429 back-off, the wake cap
 *   and the monthly budget. Times come from the client's clock (virtual under the simulator).
 * Auth calls are not counted (Tesla limits its token endpoint separately).
 */
const LIMITER_LOCK_KEY = 7_345_002;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3_600_000;

export function createQueue(): PQueue {
  return new PQueue({ concurrency: 1 });
}

export type SlotRequest = {
  method: string;
  pathTemplate: string;
  category: BillingCategory;
  target?: string | null;
  /** Essential calls are allowed past the monthly budget (free calls always are). */
  essential?: boolean;
};

export type SlotWait = { waitMs: number; reason: 'per-second' | 'per-minute' | 'retry-after' };
export type Slot = { rowId: string } | SlotWait;

/** Wait needed before one more request fits the per-second spacing and the sliding minute window. */
export function rateWait(recent: number[], now: number, perSecond: number, perMinute: number): SlotWait | null {
  const sorted = recent.filter((t) => t > now - MINUTE_MS).sort((a, b) => a - b);
  const spacing = 1000 / perSecond;
  const last = sorted[sorted.length - 1];
  if (last !== undefined && now - last < spacing) return { waitMs: Math.ceil(last + spacing - now), reason: 'per-second' };
  if (sorted.length >= perMinute) {
    const freeing = sorted[sorted.length - perMinute]!;
    return { waitMs: Math.max(1, freeing + MINUTE_MS - now + 1), reason: 'per-minute' };
  }
  return null;
}

/**
 * Atomically checks back-off, wake cap, budget and rate, then reserves a ledger row.
 * Returns the row id, or how long to wait before asking again. Throws TeslaRateLimitedError when
 * the stored back-off is longer than we may wait in-process, TeslaWakeLimitError and
 * TeslaBudgetExceededError without sending anything.
 */
export async function reserveSlot(db: Db, cfg: TeslaConfig, now: number, req: SlotRequest): Promise<Slot> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LIMITER_LOCK_KEY}::bigint)`);
    const account = await readAccount(tx);
    const until = account?.teslaRetryAfterUntil?.getTime();
    if (until !== undefined && until > now) {
      if (until - now > cfg.maxRetryAfterWaitMs) throw new TeslaRateLimitedError(until - now, new Date(until));
      return { waitMs: until - now, reason: 'retry-after' as const };
    }
    if (req.category === 'wake' && req.target) {
      const sent = await wakesSince(tx, req.target, new Date(now - DAY_MS));
      if (sent >= cfg.maxWakesPerDay) throw new TeslaWakeLimitError(req.target, cfg.maxWakesPerDay);
    }
    const price = priceOf(req.category, cfg.prices);
    if (price > 0 && !req.essential) {
      const spent = await costSince(tx, monthStart(now));
      const budget = monthlyBudgetUsd(account, cfg.monthlyBudgetUsd);
      if (spent + price > budget + 1e-9) throw new TeslaBudgetExceededError(spent, budget);
    }
    const recent = await tx
      .select({ at: apiRequests.requestedAt })
      .from(apiRequests)
      .where(and(gt(apiRequests.requestedAt, new Date(now - MINUTE_MS)), ne(apiRequests.category, 'auth')))
      .orderBy(desc(apiRequests.requestedAt))
      .limit(cfg.ratePerMinute + 1);
    const wait = rateWait(
      recent.map((r) => r.at.getTime()),
      now,
      cfg.ratePerSecond,
      cfg.ratePerMinute,
    );
    if (wait) return wait;
    const rowId = await reserveRequest(tx, { ...req, requestedAt: new Date(now), prices: cfg.prices });
    return { rowId };
  });
}
