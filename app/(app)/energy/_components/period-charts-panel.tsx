import type { Db } from '@/db/client';
import { energyByPeriod } from '@/db/queries/energy';
import { energyTotalsJson } from '@/lib/api/energy-json';
import { HistoryChart } from '../../_components/charts/history-chart';
import { HistoryPanel } from '../../_components/charts/history-panel';
import { addDays, addMonths } from '@/lib/time';
import { homeBySource, type EnergyPeriod } from '../_lib/period';

const label = (period: string, unit: 'day' | 'month') =>
  new Intl.DateTimeFormat(
    'en-GB',
    unit === 'day' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' },
  ).format(new Date(`${period}T00:00:00Z`));

/** The period's days (`YYYY-MM-DD`) or, for a year, its months' first days. */
function slots(p: EnergyPeriod, unit: 'day' | 'month'): string[] {
  const out: string[] = [];
  for (let d = p.from; d <= p.to; d = unit === 'day' ? addDays(d, 1) : addMonths(d, 1)) out.push(d);
  return out;
}

/**
 * A week or month (per day) or a year (per month) from energy_daily: the same rows as
 * GET /api/energy/sites/:id/history?period=day|month, never the 5-minute or live records.
 */
export async function PeriodChartsPanel(props: { db: Db; siteId: string; period: EnergyPeriod }) {
  const unit = props.period.view === 'year' ? 'month' : 'day';
  const rows = await energyByPeriod(props.db, { siteId: props.siteId, from: props.period.from, to: props.period.to, unit });
  if (rows.length === 0) {
    return (
      <HistoryPanel id="charts" title="Charts">
        <p className="text-sm text-gray-700 dark:text-gray-300">
          No daily records in {props.period.label}. Go back to a period the sync has covered.
        </p>
      </HistoryPanel>
    );
  }
  // Every day (or month) of the period gets a slot, so the axis spans it whole; days without records stay gaps.
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  const data = slots(props.period, unit).map((key) => {
    const r = byPeriod.get(key);
    if (!r) return { at: label(key, unit) };
    const t = energyTotalsJson(r);
    const home = homeBySource(t);
    return {
      at: label(key, unit),
      Solar: t.solarProducedKwh,
      Home: t.homeConsumedKwh,
      'From solar': home.solar,
      'From Powerwall': home.battery,
      'From grid': home.grid,
      'Powerwall charged': t.batteryChargedKwh,
      'Powerwall discharged': t.batteryDischargedKwh,
      'Grid import': t.gridImportedKwh,
      'Grid export': t.gridExportedKwh,
      'Self-consumption': t.selfConsumptionPercentage,
      'Self-powered': t.selfPoweredPercentage,
    };
  });
  const per = unit === 'day' ? 'per day' : 'per month';
  return (
    <>
      <HistoryPanel id="solar-home" title="Solar and home" description={`Solar produced and home consumption, kWh ${per}.`}>
        <HistoryChart
          kind="bar"
          data={data}
          index="at"
          categories={['Solar', 'Home']}
          colors={['amber', 'blue']}
          unit="kWh"
          label={`Solar produced and home consumption, kWh ${per}`}
          testId="chart-solar-home"
        />
      </HistoryPanel>
      <HistoryPanel
        id="home-sources"
        title="Home by source"
        description="From the daily totals: grid import and Powerwall discharge are counted toward the home first, the rest of its consumption is solar."
      >
        <HistoryChart
          kind="bar"
          stack
          data={data}
          index="at"
          categories={['From solar', 'From Powerwall', 'From grid']}
          colors={['amber', 'emerald', 'gray']}
          unit="kWh"
          label={`Home consumption by source, kWh ${per}`}
          testId="chart-home-sources"
        />
      </HistoryPanel>
      <HistoryPanel
        id="battery-grid"
        title="Powerwall and grid"
        description={`Powerwall charge and discharge, grid import and export, kWh ${per}.`}
      >
        <HistoryChart
          kind="bar"
          data={data}
          index="at"
          categories={['Powerwall charged', 'Powerwall discharged', 'Grid import', 'Grid export']}
          colors={['emerald', 'teal', 'gray', 'violet']}
          unit="kWh"
          label={`Powerwall charge and discharge, grid import and export, kWh ${per}`}
          testId="chart-battery-grid"
        />
      </HistoryPanel>
      <HistoryPanel
        id="ratios"
        title="Self-consumption and self-powered"
        description="Self-consumption: share of the solar used at home. Self-powered: share of the home not drawn from the grid."
      >
        <HistoryChart
          kind="bar"
          data={data}
          index="at"
          categories={['Self-consumption', 'Self-powered']}
          colors={['amber', 'blue']}
          unit="%"
          label={`Self-consumption and self-powered percentage ${per}`}
          testId="chart-ratios"
        />
      </HistoryPanel>
    </>
  );
}
