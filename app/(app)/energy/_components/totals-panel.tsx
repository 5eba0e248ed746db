import type { Db } from '@/db/client';
import { energyTotals } from '@/db/queries/energy';
import { energyTotalsJson } from '@/lib/api/energy-json';
import { formatKwh, formatPercent } from '@/lib/format';
import { HistoryPanel, HistoryStat } from '../../_components/charts/history-panel';
import { homeBySource, type EnergyPeriod } from '../_lib/period';

/** The period's totals from energy_daily (the same sums and ratios as GET /api/energy/solar/stats). */
export async function TotalsPanel(props: { db: Db; siteId: string; period: EnergyPeriod }) {
  const { period } = props;
  const totals = await energyTotals(props.db, { siteId: props.siteId, from: period.from, to: period.to });
  const t = energyTotalsJson(totals);
  if (t.days === 0) {
    return (
      <HistoryPanel id="totals" title="Totals">
        <p className="text-sm text-gray-700 dark:text-gray-300" data-testid="totals-empty">
          No daily totals stored for {period.label}. The sync reads the Powerwall&apos;s history once a day; go back to a period it has covered, or run a sync from Settings.
        </p>
      </HistoryPanel>
    );
  }
  const home = homeBySource(t);
  return (
    <HistoryPanel id="totals" title="Totals" description={`${t.days} ${t.days === 1 ? 'day' : 'days'} of records${t.completeDays < t.days ? ', today still running' : ''}.`}>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <HistoryStat label="Solar produced" value={formatKwh(t.solarProducedKwh)} raw={t.solarProducedKwh} testId="total-solar" />
        <HistoryStat label="Home used" value={formatKwh(t.homeConsumedKwh)} raw={t.homeConsumedKwh} testId="total-home" hint={`solar ${formatKwh(home.solar)} · Powerwall ${formatKwh(home.battery)} · grid ${formatKwh(home.grid)}`} />
        <HistoryStat label="Self-consumption" value={formatPercent(t.selfConsumptionPercentage)} raw={t.selfConsumptionPercentage} testId="total-self-consumption" hint="of the solar, used at home" />
        <HistoryStat label="Self-powered" value={formatPercent(t.selfPoweredPercentage)} raw={t.selfPoweredPercentage} testId="total-self-powered" hint="of the home, without the grid" />
        <HistoryStat label="Powerwall charged" value={formatKwh(t.batteryChargedKwh)} raw={t.batteryChargedKwh} testId="total-battery-charged" />
        <HistoryStat label="Powerwall discharged" value={formatKwh(t.batteryDischargedKwh)} raw={t.batteryDischargedKwh} testId="total-battery-discharged" />
        <HistoryStat label="Grid import" value={formatKwh(t.gridImportedKwh)} raw={t.gridImportedKwh} testId="total-grid-import" />
        <HistoryStat label="Grid export" value={formatKwh(t.gridExportedKwh)} raw={t.gridExportedKwh} testId="total-grid-export" />
      </dl>
    </HistoryPanel>
  );
}
