import Link from 'next/link';
import type { Db } from '@/db/client';
import { formatDistance, formatKwh, formatMoney, formatNumber, formatPercent } from '@/lib/format';
import type { Preferences } from '@/lib/settings/preferences';
import { HistoryChart } from '../../_components/charts/history-chart';
import { HistoryPanel } from '../../_components/charts/history-panel';
import { monthStats, STAT_MONTHS } from '../_lib/month-stats';

const th =
  'whitespace-nowrap px-3 py-2 text-right text-xs font-semibold uppercase tracking-wide text-gray-600 dark:text-gray-400 first:text-left';
const td = 'whitespace-nowrap px-3 py-2 text-right text-sm tabular-nums text-gray-800 dark:text-gray-200 first:text-left';

const monthName = (m: string, style: 'short' | 'long') => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-GB', { month: style, year: style === 'short' ? '2-digit' : 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, mo - 1, 1)),
  );
};

/** Energy, cost, cost per distance and solar share per month over the last 12 months (newest first in the table). */
export async function MonthStatsPanel(props: { db: Db; prefs: Preferences }) {
  const { prefs } = props;
  const { months } = await monthStats(props.db, { timeZone: prefs.timeZone, currency: prefs.currency });
  const per = prefs.distanceUnit === 'mi' ? '100 mi' : '100 km';
  const perFactor = prefs.distanceUnit === 'mi' ? 1.609344 : 1;
  const chartData = months.map((m) => ({ month: monthName(m.month, 'short'), 'Energy added': m.energyAddedKwh }));
  return (
    <HistoryPanel
      id="months"
      title="By month"
      description={`The last ${STAT_MONTHS} months in ${prefs.timeZone}; cost in ${prefs.currency} after the solar credit.`}
    >
      <HistoryChart
        kind="bar"
        data={chartData}
        index="month"
        categories={['Energy added']}
        colors={['blue']}
        unit="kWh"
        label="Energy added per month, kWh"
        testId="chart-months"
      />
      <div role="region" aria-label="Monthly charging statistics" tabIndex={0} className="-mx-4 mt-4 overflow-x-auto sm:mx-0">
        <table className="min-w-full divide-y divide-gray-200 dark:divide-gray-800" data-testid="months-table">
          <thead>
            <tr>
              <th scope="col" className={th}>
                Month
              </th>
              <th scope="col" className={th}>
                Sessions
              </th>
              <th scope="col" className={th}>
                Energy
              </th>
              <th scope="col" className={th}>
                Cost
              </th>
              <th scope="col" className={th}>
                Distance
              </th>
              <th scope="col" className={th}>
                Cost / {per}
              </th>
              <th scope="col" className={th}>
                Solar
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100 dark:divide-gray-800">
            {[...months].reverse().map((m) => (
              <tr key={m.month} data-testid="month-row" data-month={m.month}>
                <th scope="row" className={`${td} font-medium`}>
                  <Link href={`/charging?period=${m.month}`} className="text-blue-700 hover:underline dark:text-blue-300">
                    {monthName(m.month, 'long')}
                  </Link>
                </th>
                <td className={td}>{formatNumber(m.sessions)}</td>
                <td className={td} data-testid={`month-kwh-${m.month}`} data-value={m.energyAddedKwh}>
                  {formatKwh(m.energyAddedKwh)}
                </td>
                <td className={td} data-value={m.cost ?? undefined}>
                  {formatMoney(m.cost, prefs.currency)}
                </td>
                <td className={td}>{formatDistance(m.distanceKm, prefs, 0)}</td>
                <td className={td}>{formatMoney(m.costPer100Km === null ? null : m.costPer100Km * perFactor, prefs.currency)}</td>
                <td className={td}>{formatPercent(m.solarPercentage)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </HistoryPanel>
  );
}
