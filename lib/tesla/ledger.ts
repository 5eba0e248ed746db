import 'server-only';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { API_CATEGORIES, apiRequests, type ApiCategory } from '@/db/schema';
import { MONTHLY_DISCOUNT_USD, isBillableStatus, type BillingCategory, type BillingPrices } from '@/lib/fleet-api';
import type { DbOrTx } from './account-store';
import type { CategoryUsage, TeslaUsage } from './types';

/**
 * The `api_requests` ledger: one row per Tesla request, written *before* it is sent (status null)
 * so the cross-process limiter sees it, and completed with the status afterwards. Billing follows
 * Tesla: a response < 500 is billable, 5xx, network failures and auth calls are not. Cost is
 * priced when written (lib/fleet-api's prices), so later price changes keep history intact.
 * Supercharger history (Tesla category not stated) is recorded as `data`, the price it is charged at.
 */
export function toLedgerCategory(c: BillingCategory): ApiCategory {
  if (c === 'charging') return 'data';
  if (c === 'partner') return 'auth';
  return c;
}

export function priceOf(c: BillingCategory, prices: BillingPrices): number {
  return c === 'auth' ? 0 : prices[c];
}

export type LedgerEntryInput = {
  requestedAt: Date;
  method: string;
  pathTemplate: string;
  category: BillingCategory;
  target?: string | null;
  status: number | null;
  durationMs?: number | null;
  prices: BillingPrices;
};

function billing(category: BillingCategory, status: number | null, prices: BillingPrices) {
  const price = priceOf(category, prices);
  const billable = category !== 'auth' && status !== null && isBillableStatus(status);
  return { billable, costUsd: billable ? price : 0 };
}

/** Records a request that already has its answer (auth calls, written inside the refresh transaction). */
export async function recordRequest(q: DbOrTx, e: LedgerEntryInput): Promise<void> {
  await q.insert(apiRequests).values({
    requestedAt: e.requestedAt,
    method: e.method,
    pathTemplate: e.pathTemplate,
    category: toLedgerCategory(e.category),
    status: e.status,
    target: e.target ?? null,
    durationMs: e.durationMs ?? null,
    ...billing(e.category, e.status, e.prices),
  });
}

/** Reserves a ledger row for a request about to be sent; priced as if billable until completed. */
export async function reserveRequest(q: DbOrTx, e: Omit<LedgerEntryInput, 'status' | 'durationMs'>): Promise<string> {
  const price = priceOf(e.category, e.prices);
  const [row] = await q
    .insert(apiRequests)
    .values({
      requestedAt: e.requestedAt,
      method: e.method,
      pathTemplate: e.pathTemplate,
      category: toLedgerCategory(e.category),
      status: null,
      target: e.target ?? null,
      billable: price > 0,
      costUsd: price,
    })
    .returning({ id: apiRequests.id });
  return row!.id;
}

/** Completes a reserved row: status (null = no response), real duration, final billing. */
export async function completeRequest(
  q: DbOrTx,
  id: string,
  r: { category: BillingCategory; status: number | null; durationMs: number; prices: BillingPrices },
): Promise<void> {
  await q
    .update(apiRequests)
    .set({ status: r.status, durationMs: Math.round(r.durationMs), ...billing(r.category, r.status, r.prices) })
    .where(eq(apiRequests.id, id));
}

/** First instant of the UTC month containing `ms` (Tesla bills per calendar month from the 1st). */
export function monthStart(ms: number): Date {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

/** Usage and cost of the billing month containing `at`, by category, with Tesla's monthly credit. */
export async function usageForMonth(q: DbOrTx, at: number, budgetUsd: number): Promise<TeslaUsage> {
  const from = monthStart(at);
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  const rows = await q
    .select({
      category: apiRequests.category,
      requests: sql<number>`count(*)::int`,
      billable: sql<number>`count(*) filter (where ${apiRequests.billable})::int`,
      usd: sql<string>`coalesce(sum(${apiRequests.costUsd}), 0)`,
    })
    .from(apiRequests)
    .where(and(gte(apiRequests.requestedAt, from), lt(apiRequests.requestedAt, to)))
    .groupBy(apiRequests.category);
  const byCategory = Object.fromEntries(API_CATEGORIES.map((c) => [c, { requests: 0, billable: 0, costUsd: 0 }])) as Record<
    ApiCategory,
    CategoryUsage
  >;
  for (const r of rows) byCategory[r.category] = { requests: Number(r.requests), billable: Number(r.billable), costUsd: Number(r.usd) };
  const all = Object.values(byCategory);
  const costUsd = Math.round(all.reduce((s, c) => s + c.costUsd, 0) * 1e4) / 1e4;
  return {
    monthStart: from,
    requests: all.reduce((s, c) => s + c.requests, 0),
    billable: all.reduce((s, c) => s + c.billable, 0),
    costUsd,
    byCategory,
    monthlyCreditUsd: MONTHLY_DISCOUNT_USD,
    estimatedInvoiceUsd: Math.max(0, Math.round((costUsd - MONTHLY_DISCOUNT_USD) * 100) / 100),
    budgetUsd,
    budgetRemainingUsd: Math.max(0, Math.round((budgetUsd - costUsd) * 1e4) / 1e4),
  };
}
