import 'server-only';
import PQueue from 'p-queue';
import { sql } from 'drizzle-orm';
import { isSingleConnection, queryRows, type Db } from '@/db/client';
import type { BillingCategory } from '@/lib/fleet-api';
import { ownerBudgetUsdSql, ownerFromSql } from '@/db/queries/owner';
import { BILLING_BACKOFF_MS, type DbOrTx } from './account-store';
import type { TeslaConfig } from './config';
import { TeslaBillingLockedError, TeslaBudgetExceededError, TeslaRateLimitedError, TeslaWakeLimitError } from './errors';
import { monthStart, priceOf, toLedgerCategory } from './ledger';
import { DAY_MS, MINUTE_MS } from '@/lib/time';

/**
 * Two layers keep Tesla traffic inside TESLA_RATE_PER_SECOND / TESLA_RATE_PER_MINUTE:
 * - in-process, a p-queue with concurrency 1 serialises this client's requests (no bursts, no
 *   retry storms: a request's retries and waits happen inside its own turn);
 * - across processes, `reserveSlot` runs under a Postgres advisory lock and counts the
 *   `api_requests` rows of the last minute before inserting this request's row, so every instance
 *   sharing the database shares the limit (on PGlite, which only one process can open, an
 *   in-process queue per database does the lock's job). It also applies the stored 429 back-off, the wake cap,
 *   the monthly budget and Tesla's billing lock-out (priced calls only: one try when it may be tried
 *   again, the others refused). Times come from the client's clock (virtual under the simulator).
 * Auth calls are not counted (Tesla limits its token endpoint separately).
 */
const LIMITER_LOCK_KEY = 7_345_002;
const iso = (ms: number) => new Date(ms).toISOString(); // raw SQL parameters: postgres.js takes no Date there

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
/** `probe`: this priced call is the one try through a billing lock-out (its answer ends or renews it). */
export type Slot = { rowId: string; probe: boolean } | SlotWait;

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
 * Atomically checks back-off, billing lock-out, wake cap, budget and rate, then reserves a ledger row.
 * Returns the row id, or how long to wait before asking again. Throws TeslaRateLimitedError when
 * the stored back-off is longer than we may wait in-process, TeslaBillingLockedError,
 * TeslaWakeLimitError and TeslaBudgetExceededError without sending anything.
 */
export async function reserveSlot(db: Db, cfg: TeslaConfig, now: number, req: SlotRequest): Promise<Slot> {
  // PGlite: one connection in one process, so an in-process queue is the whole lock and the
  // check and the reservation need no transaction around them (two round trips instead of four).
  if (isSingleConnection(db)) return serialised(db, () => checkAndReserve(db, cfg, now, req));
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LIMITER_LOCK_KEY}::bigint)`);
    return checkAndReserve(tx, cfg, now, req);
  });
}

const queues = new WeakMap<object, Promise<unknown>>();
/** Runs `fn` after every earlier call for the same database has settled (a per-database mutex). */
function serialised<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(db) ?? Promise.resolve();
  const run = before.then(fn, fn);
  queues.set(
    db,
    run.catch(() => {}),
  );
  return run;
}

/**
 * The check and the reservation in one statement: the CTE reads back-off, billing lock-out, the
 * owner's budget, wake count, month's spend and the last minute's requests, and inserts this
 * request's ledger row only when every limit allows it (`ok`). A priced call let through a
 * lock-out is its one try: the same statement moves the next try 15 minutes out, so concurrent
 * calls of every process are refused while it is answered. The same facts are returned, and the JS
 * below names the limit that said no (or how long to wait); the two must agree, which is asserted.
 */
async function checkAndReserve(q: DbOrTx, cfg: TeslaConfig, now: number, req: SlotRequest): Promise<Slot> {
  const wake = req.category === 'wake' && req.target ? req.target : null;
  const price = priceOf(req.category, cfg.prices);
  const budgeted = price > 0 && !req.essential;
  const priced = price > 0;
  const at = iso(now);
  const [c] = await queryRows<LimiterRow>(
    q as Db,
    sql`with owner as (
        select id, tesla_retry_after_until as until, tesla_billing_locked_at as locked, tesla_billing_retry_at as retry,
          ${ownerBudgetUsdSql} as budget
        ${ownerFromSql}
      ), recent as (
        select requested_at from api_requests where requested_at > ${iso(now - MINUTE_MS)}::timestamptz and category <> 'auth'
        order by requested_at desc limit ${cfg.ratePerMinute + 1}
      ), c as (
        select
          (select until from owner) as until,
          (select locked from owner) as locked,
          (select retry from owner) as retry,
          coalesce((select budget from owner), ${cfg.monthlyBudgetUsd}::float8) as budget,
          ${wake ? sql`(select count(*) from api_requests where category = 'wake' and target = ${wake} and requested_at >= ${iso(now - DAY_MS)}::timestamptz)::int` : sql`0`} as wakes,
          ${budgeted ? sql`(select coalesce(sum(cost_usd), 0) from api_requests where requested_at >= ${monthStart(now).toISOString()}::timestamptz and cost_usd > 0)::float8` : sql`0::float8`} as spent,
          (select array_agg(extract(epoch from requested_at)::float8 * 1000) from recent) as recent,
          (select max(requested_at) from recent) as last,
          (select count(*) from recent) as n
      ), ins as (
        insert into api_requests (requested_at, method, path_template, category, status, target, billable, cost_usd)
        select ${at}::timestamptz, ${req.method}, ${req.pathTemplate}, ${toLedgerCategory(req.category)}, null, ${req.target ?? null}, ${price > 0}, ${price}
        from c
        where (c.until is null or c.until <= ${at}::timestamptz)
          and (${!priced} or c.locked is null or c.retry is null or c.retry <= ${at}::timestamptz)
          and c.wakes < ${wake ? cfg.maxWakesPerDay : 2_147_483_647}
          and (${!budgeted} or c.spent + ${price}::float8 <= c.budget + 1e-9)
          and (c.last is null or c.last <= ${iso(now - 1000 / cfg.ratePerSecond)}::timestamptz)
          and c.n < ${cfg.ratePerMinute}
        returning id
      ), probe as (
        update user_config set tesla_billing_retry_at = ${iso(now + BILLING_BACKOFF_MS)}::timestamptz
        where ${priced} and id = (select id from owner) and tesla_billing_locked_at is not null and exists (select 1 from ins)
        returning id
      )
      select c.until, c.locked, c.retry, c.budget, c.wakes, c.spent, c.recent, (select id from ins) as id,
        exists (select 1 from probe) as probe from c`,
  );
  const decided = decide(c, { cfg, now, wake, price, budgeted });
  if ((decided === null) !== (c?.id != null)) throw new Error('The request limiter disagreed with itself; nothing was sent.');
  if (decided) return decided;
  return { rowId: c!.id!, probe: Boolean(c!.probe) };
}

/**
 * What the limiter's one statement answers: the back-off and lock-out ends, the month's spend and
 * budget, the vehicle's wakes, the recent request times, and the ledger row it wrote (null: none).
 */
type LimiterRow = {
  until: Date | string | null;
  locked: Date | string | null;
  retry: Date | string | null;
  probe: boolean;
  budget: number;
  wakes: number;
  spent: number;
  recent: number[] | null;
  id: string | null;
};

/** Which limit holds a request back: a wait, a thrown error, or null when it may go. */
function decide(
  c: LimiterRow | undefined,
  o: { cfg: TeslaConfig; now: number; wake: string | null; price: number; budgeted: boolean },
): SlotWait | null {
  const { cfg, now } = o;
  const retry = c?.retry ? new Date(c.retry).getTime() : undefined;
  if (o.price > 0 && c?.locked && retry !== undefined && retry > now)
    throw new TeslaBillingLockedError(new Date(c.locked), new Date(retry));
  const until = c?.until ? new Date(c.until).getTime() : undefined;
  if (until !== undefined && until > now) {
    if (until - now > cfg.maxRetryAfterWaitMs) throw new TeslaRateLimitedError(until - now, new Date(until));
    return { waitMs: until - now, reason: 'retry-after' };
  }
  if (o.wake && Number(c?.wakes ?? 0) >= cfg.maxWakesPerDay) throw new TeslaWakeLimitError(o.wake, cfg.maxWakesPerDay);
  const spent = Number(c?.spent ?? 0);
  const budget = Number(c?.budget ?? cfg.monthlyBudgetUsd);
  if (o.budgeted && spent + o.price > budget + 1e-9) throw new TeslaBudgetExceededError(spent, budget);
  return rateWait((c?.recent ?? []).map(Number), now, cfg.ratePerSecond, cfg.ratePerMinute);
}
