import { getDb } from '@/db';
import { monthlyUsage } from '@/lib/api/usage';
import { formatMoney, formatNumber } from '@/lib/format';
import { Panel } from './panel';
import { loadPreferences } from './preferences';
import { clock } from '@/lib/clock';

/** This (UTC, as Tesla bills) month's Tesla API requests and cost against the owner's budget. */
export async function UsagePanel() {
  const now = clock.now();
  const [db, prefs] = await Promise.all([getDb(), loadPreferences()]);
  const u = await monthlyUsage(db, { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, budgetUsd: prefs.monthlyBudgetUsd, now });
  const used = Math.min(100, u.budgetUsedPercentage ?? 0);
  const money = (n: number) => formatMoney(n, 'USD', n < 1 ? 4 : 2);
  return (
    <Panel title="Tesla API usage" id="usage" action={{ href: '/settings/preferences', label: 'Budget' }}>
      <dl className="grid grid-cols-2 gap-3">
        <div>
          <dt className="text-xs text-gray-600 dark:text-gray-400">Requests this month</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="usage-requests">
            {formatNumber(u.requests)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-gray-600 dark:text-gray-400">Cost</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="usage-cost">
            {money(u.costUsd)}
          </dd>
        </div>
      </dl>
      <div className="mt-3 space-y-1">
        <div
          role="meter"
          aria-label="Share of the monthly API budget used"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={used}
          aria-valuetext={`${formatNumber(u.budgetUsedPercentage ?? 0, 1)} % of ${money(u.budgetUsd)}`}
          className="h-2.5 overflow-hidden rounded-full bg-gray-200 dark:bg-gray-800"
        >
          <div
            className={`h-full rounded-full ${used >= 90 ? 'bg-red-600' : used >= 70 ? 'bg-amber-500' : 'bg-blue-600'}`}
            style={{ width: `${used}%` }}
          />
        </div>
        <p className="text-xs text-gray-600 dark:text-gray-400" data-testid="usage-budget">
          {formatNumber(u.budgetUsedPercentage ?? 0, 1)} % of the {money(u.budgetUsd)} budget
          {u.forecast ? ` · forecast ${money(u.forecast.costUsd)} for ${u.month}` : ''} · Tesla credits {money(u.monthlyCreditUsd)} a month
        </p>
      </div>
    </Panel>
  );
}
