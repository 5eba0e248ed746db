import 'server-only';
import { and, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { API_CATEGORIES, apiRequests, type ApiCategory } from '../schema';
import { rounded } from './filters';

export type CategoryUsage = { requests: number; billableRequests: number; costUsd: number };
export type ApiUsage = { requests: number; billableRequests: number; costUsd: number; byCategory: Record<ApiCategory, CategoryUsage> };

/**
 * Tesla API requests in [from, to) from the api_requests ledger, per category
 * (idx_api_requests_category_time / idx_api_requests_requested_at). Costs were priced when written.
 */
export async function apiUsageBetween(db: Db, p: { from: Date; to: Date }): Promise<ApiUsage> {
  const rows = await db
    .select({
      category: apiRequests.category,
      requests: sql<number>`count(*)::int`,
      billableRequests: sql<number>`(count(*) filter (where ${apiRequests.billable}))::int`,
      costUsd: rounded(sql`coalesce(sum(${apiRequests.costUsd}), 0)`, 4),
    })
    .from(apiRequests)
    .where(and(gte(apiRequests.requestedAt, p.from), lt(apiRequests.requestedAt, p.to)))
    .groupBy(apiRequests.category);
  const byCategory = Object.fromEntries(API_CATEGORIES.map((c) => [c, { requests: 0, billableRequests: 0, costUsd: 0 }])) as Record<
    ApiCategory,
    CategoryUsage
  >;
  for (const r of rows) byCategory[r.category] = { requests: r.requests, billableRequests: r.billableRequests, costUsd: r.costUsd ?? 0 };
  const all = Object.values(byCategory);
  return {
    requests: all.reduce((s, c) => s + c.requests, 0),
    billableRequests: all.reduce((s, c) => s + c.billableRequests, 0),
    costUsd: Math.round(all.reduce((s, c) => s + c.costUsd, 0) * 1e4) / 1e4,
    byCategory,
  };
}
