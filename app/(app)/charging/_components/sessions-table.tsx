import { Link } from '@/app/_components/intent-link';
import type { Db } from '@/db/client';
import { countChargingSessions, listChargingSessions, type ChargingSessionRow } from '@/db/queries/charging';
import { countOf, formatDateTime, formatKwh, formatMoney, formatNumber, formatPercent } from '@/lib/format';
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
import { EmptyState } from '../../_components/empty-state';
import { HistoryPanel } from '../../_components/charts/history-panel';
import { CHARGING_EFFICIENCY, resolutionOf } from '@/lib/stats';
import {
  CHARGER_LABELS,
  PAGE_SIZE,
  SOURCE_LABELS,
  periodLabel,
  periodRange,
  tableHref,
  toSessionFilter,
  type TableQuery,
} from '../_lib/filters';
import { pricingBasisWords } from '../_lib/pricing-basis';

export const placeOf = (s: Pick<ChargingSessionRow, 'locationName' | 'latitude' | 'longitude'>) =>
  s.locationName ??
  (s.latitude !== null && s.longitude !== null ? `${formatNumber(s.latitude, 4)}, ${formatNumber(s.longitude, 4)}` : 'Unknown place');

/** On a phone's card the figures come first, under the date, and larger; the details after them. */
const figure = 'order-1 text-base font-semibold sm:text-sm sm:font-normal';
const detail = 'order-2';

/** The filtered, paginated sessions (newest first): period-bounded count and one page through the started_at indexes. */
const coarse = (s: { splitBucketMinutes: number | null }) => s.splitBucketMinutes !== null && resolutionOf(s.splitBucketMinutes).coarse;

export async function SessionsTable(props: { db: Db; query: TableQuery; prefs: Preferences }) {
  const { db, prefs } = props;
  const filter = toSessionFilter(props.query, periodRange(props.query.period, prefs.timeZone));
  const pageOf = (page: number) => listChargingSessions(db, { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const [asked, total, any] = await Promise.all([
    pageOf(props.query.page),
    countChargingSessions(db, filter),
    listChargingSessions(db, { limit: 1 }),
  ]);
  if (any.length === 0) {
    return (
      <EmptyState title="No charging sessions yet">
        The sync has not stored a charge. Connect your Tesla account in Settings (or start the demo); sessions show up here after the car
        next charges.
      </EmptyState>
    );
  }
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // A page past the end (an old link, a typed URL) shows the last page and says so, like a bad filter value.
  const past = props.query.page > pages;
  const q = past ? { ...props.query, page: pages } : props.query;
  const rows = past ? await pageOf(pages) : asked;
  return (
    <HistoryPanel
      id="sessions"
      title="Sessions"
      description={
        <span data-testid="sessions-total" data-value={total}>
          {countOf(total, 'session')} · {periodLabel(q.period)}
        </span>
      }
    >
      {past ? (
        <p
          role="alert"
          data-testid="page-messages"
          className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          There is no page {formatNumber(props.query.page)}: showing the last page, {formatNumber(pages)}.
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="rounded-md bg-gray-50 p-4 text-sm text-gray-700 dark:bg-gray-800/60 dark:text-gray-300">
          No session matches these filters{q.page > 1 ? ' on this page' : ''}. Choose a longer period or{' '}
          <Link href="/charging" className="font-medium text-blue-700 underline dark:text-blue-300">
            clear the filters
          </Link>
          .
        </p>
      ) : (
        <div role="region" aria-label="Charging sessions table" tabIndex={0} className={cardTableFrame}>
          <table className={cardTable} data-testid="sessions-table">
            <thead className={cardTableHead}>
              <tr>
                <th scope="col" className={cardTableTh}>
                  Date
                </th>
                <th scope="col" className={cardTableTh}>
                  Vehicle
                </th>
                <th scope="col" className={cardTableTh}>
                  Place
                </th>
                <th scope="col" className={cardTableTh}>
                  Charger
                </th>
                <th scope="col" className={cardTableTh}>
                  Source
                </th>
                <th scope="col" className={`${cardTableTh} text-right`}>
                  Energy
                </th>
                <th scope="col" className={`${cardTableTh} text-right`}>
                  Cost
                </th>
                <th scope="col" className={`${cardTableTh} text-right`}>
                  Solar
                </th>
              </tr>
            </thead>
            <tbody className={cardTableBody}>
              {rows.map((s) => (
                <tr key={s.id} className={cardTableRow} data-testid="session-row" data-session-id={s.id}>
                  <td className={`${cardTableCell} col-span-3`}>
                    <Link
                      href={`/charging/${s.id}`}
                      className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
                    >
                      {formatDateTime(s.startedAt, prefs.timeZone)}
                    </Link>
                  </td>
                  <td className={`${cardTableCell} ${detail}`} data-label="Vehicle">
                    {s.vehicleName ?? s.vin}
                  </td>
                  <td className={`${cardTableCell} ${detail} col-span-2 sm:whitespace-normal`} data-label="Place">
                    {placeOf(s)}
                  </td>
                  <td className={`${cardTableCell} ${detail}`} data-label="Charger">
                    {s.chargerType ? CHARGER_LABELS[s.chargerType] : '–'}
                  </td>
                  <td className={`${cardTableCell} ${detail} col-span-2`} data-label="Source">
                    {SOURCE_LABELS[s.source]}
                  </td>
                  <td className={`${cardTableFigure} ${figure}`} data-label="Energy" data-value={s.energyAddedKwh ?? undefined}>
                    {formatKwh(s.energyAddedKwh)}
                  </td>
                  <td className={`${cardTableFigure} ${figure}`} data-label="Cost" data-value={s.cost ?? undefined}>
                    {s.cost === null ? '–' : formatMoney(s.cost, s.costCurrency ?? prefs.currency)}
                    {s.cost !== null && s.pricedKwh !== null ? (
                      <span
                        className="block text-xs font-normal text-gray-600 sm:whitespace-normal dark:text-gray-400"
                        data-testid="session-row-basis"
                        data-basis={s.pricingBasis ?? undefined}
                        data-value={s.pricedKwh}
                      >
                        {pricingBasisWords(s)?.short}
                      </span>
                    ) : null}
                  </td>
                  <td className={`${cardTableFigure} ${figure}`} data-label="Solar">
                    {formatPercent(s.solarPercentage)}
                    {coarse(s) ? <sup aria-label={`from ${resolutionOf(s.splitBucketMinutes!).words} history`}>≈</sup> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.some(coarse) ? (
        <p className="mt-2 text-xs text-gray-600 dark:text-gray-400" data-testid="sessions-coarse-split">
          ≈ Solar share from coarse history: Tesla sent the home&apos;s energy records for these charges in hourly or daily intervals, not
          5-minute ones, so the split gives the car each interval&apos;s mix and is approximate.
        </p>
      ) : null}
      {rows.some((s) => s.cost !== null && s.pricingBasis === 'estimated') ? (
        <p className="mt-2 text-xs text-gray-600 dark:text-gray-400" data-testid="sessions-estimated-basis">
          Costs are of energy from the wall. ≈ Estimated: no meter recorded it, so it is energy added ÷ a typical charging efficiency (
          {formatPercent(CHARGING_EFFICIENCY.ac * 100)} AC, {formatPercent(CHARGING_EFFICIENCY.dc * 100)} DC).
        </p>
      ) : null}
      {pages > 1 || q.page > 1 ? (
        <nav aria-label="Pages of sessions" className="mt-3 flex items-center justify-between text-sm">
          {q.page > 1 ? (
            <Link href={tableHref(q, { page: q.page - 1 })} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
              ← Newer
            </Link>
          ) : (
            <span />
          )}
          <span className="text-gray-600 dark:text-gray-400" data-testid="page-of">
            Page {q.page} of {pages}
          </span>
          {q.page < pages ? (
            <Link href={tableHref(q, { page: q.page + 1 })} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
              Older →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </HistoryPanel>
  );
}
