import Link from 'next/link';
import type { Db } from '@/db/client';
import { formatDistance, formatKwh, formatMoneyTotals, formatNumber, formatPercent, otherCurrencies } from '@/lib/format';
import type { Preferences } from '@/lib/settings/preferences';
import {
  cardTable,
  cardTableBody,
  cardTableCell,
  cardTableFigure,
  cardTableFrame,
  cardTableHead,
  cardTableRow,
  cardTableTh,
} from '../../_components/card-table';
import { HistoryChart } from '../../_components/charts/history-chart';
import { HistoryPanel } from '../../_components/charts/history-panel';
import { monthStats, STAT_MONTHS } from '../_lib/month-stats';

/** On a phone's card energy, cost and solar share come first, under the month, and larger; the rest after them. */
const figure = 'order-1 text-base font-semibold sm:text-sm sm:font-normal';
const detail = 'order-2';

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
  const others = otherCurrencies(
    months.flatMap((m) => m.costs),
    prefs.currency,
  );
  const chartData = months.map((m) => ({ month: monthName(m.month, 'short'), 'Energy added': m.energyAddedKwh }));
  return (
    <HistoryPanel
      id="months"
      title="By month"
      description={`The last ${STAT_MONTHS} months in ${prefs.timeZone}; cost after the solar credit, in the currency each session was priced in.`}
    >
      {others.length > 0 ? (
        <p className="mb-3 text-sm text-gray-700 dark:text-gray-300" data-testid="months-currency-note">
          Some costs are in {others.join(', ')}, not {prefs.currency}: they are shown as priced, never converted.
        </p>
      ) : null}
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
      <div role="region" aria-label="Monthly charging statistics" tabIndex={0} className={`mt-4 ${cardTableFrame}`}>
        <table className={cardTable} data-testid="months-table">
          <thead className={cardTableHead}>
            <tr>
              <th scope="col" className={cardTableTh}>
                Month
              </th>
              {['Sessions', 'Energy', 'Cost', 'Distance', `Cost / ${per}`, 'Solar'].map((h) => (
                <th key={h} scope="col" className={`${cardTableTh} text-right`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={cardTableBody}>
            {[...months].reverse().map((m) => (
              <tr key={m.month} className={cardTableRow} data-testid="month-row" data-month={m.month}>
                <th scope="row" className={`${cardTableCell} col-span-3 text-left font-medium`}>
                  <Link href={`/charging?period=${m.month}`} className="text-blue-700 hover:underline dark:text-blue-300">
                    {monthName(m.month, 'long')}
                  </Link>
                </th>
                <td className={`${cardTableFigure} ${detail}`} data-label="Sessions">
                  {formatNumber(m.sessions)}
                </td>
                <td
                  className={`${cardTableFigure} ${figure}`}
                  data-label="Energy"
                  data-testid={`month-kwh-${m.month}`}
                  data-value={m.energyAddedKwh}
                >
                  {formatKwh(m.energyAddedKwh)}
                </td>
                <td className={`${cardTableFigure} ${figure}`} data-label="Cost" data-value={m.cost ?? undefined}>
                  {formatMoneyTotals(m.costs, prefs.currency)}
                </td>
                <td className={`${cardTableFigure} ${detail}`} data-label="Distance">
                  {formatDistance(m.distanceKm, prefs, 0)}
                </td>
                <td className={`${cardTableFigure} ${detail}`} data-label={`Cost / ${per}`}>
                  {formatMoneyTotals(
                    m.costsPer100Km.map((c) => ({ currency: c.currency, amount: c.amount * perFactor })),
                    prefs.currency,
                  )}
                </td>
                <td className={`${cardTableFigure} ${figure}`} data-label="Solar">
                  {formatPercent(m.solarPercentage)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </HistoryPanel>
  );
}
