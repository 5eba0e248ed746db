import { Link } from '@/app/_components/intent-link';
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
import { CHARGER_LABELS, SOURCE_LABELS, tableHref, type TableQuery } from '../_lib/filters';
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

/**
 * Energy, cost, cost per distance and solar share per month over the last 12 months (newest first in
 * the table), from the first month with a session, under the sessions table's car, place, source and
 * charger-type filters (not its period). A month links to the table for that month, filters kept.
 */
export async function MonthStatsPanel(props: {
  db: Db;
  prefs: Preferences;
  query: TableQuery;
  names: { vehicle?: string; location?: string };
}) {
  const { prefs, query: q } = props;
  const filter = { vehicleId: q.vehicle, locationId: q.location, source: q.source, chargerType: q.type };
  const { months } = await monthStats(props.db, { timeZone: prefs.timeZone, currency: prefs.currency, filter });
  const filters = [
    props.names.vehicle,
    props.names.location,
    q.source ? SOURCE_LABELS[q.source] : undefined,
    q.type ? CHARGER_LABELS[q.type] : undefined,
  ].filter((f): f is string => Boolean(f));
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
      description={
        <>
          The last {STAT_MONTHS} months in {prefs.timeZone}, from the first with a charge; cost after the solar credit, in the currency each
          session was priced in.
          {filters.length > 0 ? (
            <span data-testid="months-filters">
              {' '}
              Only {filters.join(', ')}, as in the table above (distance: {q.vehicle ? 'that car' : 'all cars'}).
            </span>
          ) : null}
        </>
      }
    >
      {months.length === 0 ? (
        <p className="rounded-md bg-gray-50 p-4 text-sm text-gray-700 dark:bg-gray-800/60 dark:text-gray-300">
          No charge {filters.length > 0 ? 'matches these filters' : 'was recorded'} in the last {STAT_MONTHS} months.
        </p>
      ) : (
        <>
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
                      <Link
                        href={tableHref(q, { period: m.month, page: undefined })}
                        className="text-blue-700 hover:underline dark:text-blue-300"
                      >
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
        </>
      )}
    </HistoryPanel>
  );
}
