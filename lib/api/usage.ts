import 'server-only';
import type { Db } from '@/db/client';
import { apiUsageBetween } from '@/db/queries/usage';
import { MONTHLY_DISCOUNT_USD } from '@/lib/fleet-api';

const cents = (n: number) => Math.round(n * 100) / 100;
const r4 = (n: number) => Math.round(n * 1e4) / 1e4;

/**
 * Tesla Fleet API use in one billing month (UTC calendar month, as Tesla bills) from the
 * api_requests ledger: requests and cost by category, the budget (TESLA_MONTHLY_BUDGET_USD) and
 * what is left of it, the $10 monthly credit, and a forecast for the whole month by linear
 * extrapolation of the cost so far (elapsed share of the month; a finished month forecasts itself).
 */
export async function monthlyUsage(db: Db, p: { year: number; month: number; budgetUsd: number; now: Date }) {
  const from = new Date(Date.UTC(p.year, p.month - 1, 1));
  const to = new Date(Date.UTC(p.year, p.month, 1));
  const usage = await apiUsageBetween(db, { from, to });
  const elapsed = Math.min(1, Math.max(0, (p.now.getTime() - from.getTime()) / (to.getTime() - from.getTime())));
  // Under an hour into the month there is nothing to extrapolate from yet.
  const scale = elapsed >= 1 ? 1 : elapsed * (to.getTime() - from.getTime()) < 3_600_000 ? null : 1 / elapsed;
  const forecastCost = scale === null ? null : r4(usage.costUsd * scale);
  const invoice = (cost: number) => cents(Math.max(0, cost - MONTHLY_DISCOUNT_USD));
  return {
    month: `${p.year}-${String(p.month).padStart(2, '0')}`,
    monthStart: from.toISOString(),
    monthEnd: to.toISOString(),
    asOf: p.now.toISOString(),
    elapsedPercentage: Math.round(elapsed * 1000) / 10,
    ...usage,
    monthlyCreditUsd: MONTHLY_DISCOUNT_USD,
    estimatedInvoiceUsd: invoice(usage.costUsd),
    budgetUsd: p.budgetUsd,
    budgetRemainingUsd: r4(Math.max(0, p.budgetUsd - usage.costUsd)),
    budgetUsedPercentage: p.budgetUsd > 0 ? Math.round((usage.costUsd / p.budgetUsd) * 1000) / 10 : null,
    forecast:
      forecastCost === null
        ? null
        : {
            requests: Math.round(usage.requests * scale!),
            costUsd: forecastCost,
            estimatedInvoiceUsd: invoice(forecastCost),
            exceedsBudget: forecastCost > p.budgetUsd,
            exceedsCredit: forecastCost > MONTHLY_DISCOUNT_USD,
          },
  };
}
