import type { Db } from '@/db/client';
import { getDayEnergy } from '@/db/queries/dashboard';
import { energyTotals } from '@/db/queries/energy';
import { energyTotalsJson } from '@/lib/api/energy-json';
import { countOf, formatKwh, formatPercent } from '@/lib/format';
import { HistoryPanel, HistoryStat } from '../../_components/charts/history-panel';
import { provisionalSource } from '../../_components/energy/provisional-note';
import { homeBySource, type EnergyPeriod } from '../_lib/period';

/**
 * The period's totals from energy_daily (the same sums and ratios as GET /api/energy/solar/stats).
 * A day not over yet counts with its provisional figures, and the panel says where they come from.
 */
export async function TotalsPanel(props: { db: Db; siteId: string; period: EnergyPeriod; today: string; timeZone: string }) {
  const { period } = props;
  const [totals, todayRow] = await Promise.all([
    energyTotals(props.db, { siteId: props.siteId, from: period.from, to: period.to }),
    period.isCurrent ? getDayEnergy(props.db, { siteId: props.siteId, date: props.today }) : null,
  ]);
  const t = energyTotalsJson(totals);
  if (t.days === 0) {
    return (
      <HistoryPanel id="totals" title="Totals">
        <p className="text-sm text-gray-700 dark:text-gray-300" data-testid="totals-empty">
          No daily totals stored for {period.label}. The sync keeps each day&apos;s totals: provisional from live readings while the day
          runs, then from the Powerwall&apos;s history once it is over. Go back to a period it has covered, or run a sync from Settings.
        </p>
      </HistoryPanel>
    );
  }
  const home = homeBySource(t);
  return (
    <HistoryPanel id="totals" title="Totals" description={describe(t, todayRow, props.timeZone)}>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <HistoryStat label="Solar produced" value={formatKwh(t.solarProducedKwh)} raw={t.solarProducedKwh} testId="total-solar" />
        <HistoryStat
          label="Home used"
          value={formatKwh(t.homeConsumedKwh)}
          raw={t.homeConsumedKwh}
          testId="total-home"
          hint={`solar ${formatKwh(home.solar)} · Powerwall ${formatKwh(home.battery)} · grid ${formatKwh(home.grid)}`}
        />
        <HistoryStat
          label="Self-consumption"
          value={formatPercent(t.selfConsumptionPercentage)}
          raw={t.selfConsumptionPercentage}
          testId="total-self-consumption"
          hint="of the solar, used at home"
        />
        <HistoryStat
          label="Self-powered"
          value={formatPercent(t.selfPoweredPercentage)}
          raw={t.selfPoweredPercentage}
          testId="total-self-powered"
          hint="of the home, without the grid"
        />
        <HistoryStat
          label="Powerwall charged"
          value={formatKwh(t.batteryChargedKwh)}
          raw={t.batteryChargedKwh}
          testId="total-battery-charged"
        />
        <HistoryStat
          label="Powerwall discharged"
          value={formatKwh(t.batteryDischargedKwh)}
          raw={t.batteryDischargedKwh}
          testId="total-battery-discharged"
        />
        <HistoryStat label="Grid import" value={formatKwh(t.gridImportedKwh)} raw={t.gridImportedKwh} testId="total-grid-import" />
        <HistoryStat label="Grid export" value={formatKwh(t.gridExportedKwh)} raw={t.gridExportedKwh} testId="total-grid-export" />
      </dl>
    </HistoryPanel>
  );
}

/** "8 days of records. Today is provisional: …" — every day not complete is named as such. */
function describe(t: { days: number; completeDays: number }, todayRow: Awaited<ReturnType<typeof getDayEnergy>>, timeZone: string): string {
  const todayOpen = todayRow !== null && !todayRow.complete;
  const others = t.days - t.completeDays - (todayOpen ? 1 : 0);
  return [
    `${countOf(t.days, 'day')} of records.`,
    todayOpen ? `Today is provisional: ${provisionalSource(todayRow, timeZone)}.` : '',
    others > 0
      ? `${others === 1 ? 'One earlier day is' : `${others} earlier days are`} provisional until Tesla's history for it is read (shortly after midnight).`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}
