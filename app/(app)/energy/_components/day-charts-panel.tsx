import type { Db } from '@/db/client';
import { listEnergyStates } from '@/db/queries/energy';
import { listEnergyBuckets } from '@/db/queries/energy-page';
import { formatTime } from '@/lib/format';
import { bucketResolution, dayPowerSeries } from '@/lib/stats';
import { HistoryChart } from '../../_components/charts/history-chart';
import { HistoryPanel } from '../../_components/charts/history-panel';
import { dayOf } from '@/lib/time';
import type { EnergyPeriod } from '../_lib/period';

/** At most this many snapshots are read for a day; the chart draws at most MAX_POINTS of them. */
const MAX_STATES = 5000;
const MAX_POINTS = 288;
const kw = (w: number | null) => (w === null ? null : Math.round(w / 10) / 100);

/**
 * One local day: power through the day (W → kW, Powerwall > 0 discharging, grid > 0 importing, as
 * Tesla signs them) from the Powerwall's history and the live snapshots after it (`dayPowerSeries`),
 * and the home's consumption by source from the same buckets (kWh ÷ the bucket's own length =
 * average kW). Tesla sends 5-minute, hourly or daily buckets; the panel says when they are coarse.
 */
export async function DayChartsPanel(props: { db: Db; siteId: string; period: EnergyPeriod; timeZone: string }) {
  const { start: from, end: to } = dayOf(props.period.from, props.timeZone);
  const [states, buckets] = await Promise.all([
    listEnergyStates(props.db, { siteId: props.siteId, from, to, limit: MAX_STATES }),
    listEnergyBuckets(props.db, { siteId: props.siteId, from, to, limit: 300 }),
  ]);
  const series = dayPowerSeries(states, buckets);
  const step = Math.max(1, Math.ceil(series.length / MAX_POINTS));
  const power = series
    .filter((_, i) => i % step === 0)
    .map((p) => ({
      time: formatTime(p.at, props.timeZone),
      Solar: kw(p.solarW),
      Home: kw(p.homeW),
      Powerwall: kw(p.batteryW),
      Grid: kw(p.gridW),
    }));
  const fromHistory = series.some((p) => p.source === 'history');
  const fromLive = series.some((p) => p.source === 'live');
  const resolution = bucketResolution(buckets);
  const history = `the Powerwall's ${resolution?.words ?? '5-minute'} history`;
  const origin =
    fromHistory && fromLive ? `From ${history}, then live readings.` : fromHistory ? `From ${history}.` : 'From live readings.';
  const coarse = resolution?.coarse ? (
    <p className="text-sm text-amber-900 dark:text-amber-200" data-testid="energy-resolution" data-resolution-minutes={resolution.minutes}>
      Tesla sent this day&apos;s history in {resolution.words} intervals, not 5-minute ones: the charts show {resolution.words} averages,
      and the solar share of a charge made that day is the mix of each {resolution.words === 'daily' ? 'day' : 'interval'}.
    </p>
  ) : null;
  const perHour = (kwh: number, b: { startAt: Date; endAt: Date }) =>
    Math.round((kwh / ((b.endAt.getTime() - b.startAt.getTime()) / 3_600_000)) * 100) / 100;
  const home = buckets.map((b) => ({
    time: formatTime(b.startAt, props.timeZone),
    Solar: perHour(b.homeFromSolarKwh, b),
    Powerwall: perHour(b.homeFromBatteryKwh, b),
    Grid: perHour(b.homeFromGridKwh, b),
  }));
  return (
    <>
      <HistoryPanel
        id="power"
        title="Power through the day"
        description={`Solar, home, Powerwall (above zero: discharging) and grid (above zero: importing), kW. ${origin}`}
      >
        {coarse}
        {power.length < 2 ? (
          <p className="text-sm text-gray-700 dark:text-gray-300">
            No readings for this day: neither the Powerwall's history nor live readings cover it yet. Pick another day.
          </p>
        ) : (
          <HistoryChart
            kind="area"
            data={power}
            index="time"
            categories={['Solar', 'Home', 'Powerwall', 'Grid']}
            colors={['amber', 'blue', 'emerald', 'gray']}
            unit="kW"
            label="Solar, home, Powerwall and grid power through the day, kW"
            testId="chart-day-power"
          />
        )}
      </HistoryPanel>
      <HistoryPanel
        id="home-sources"
        title="Home by source"
        description={`Average power the home drew from solar, the Powerwall and the grid in each ${resolution?.words ?? '5-minute'} interval, kW.`}
      >
        {home.length < 2 ? (
          <p className="text-sm text-gray-700 dark:text-gray-300">
            Not enough of the Powerwall&apos;s records for this day yet: the sync reads them from the Powerwall&apos;s history. Pick an
            earlier day.
          </p>
        ) : (
          <HistoryChart
            kind="area"
            stack
            data={home}
            index="time"
            categories={['Solar', 'Powerwall', 'Grid']}
            colors={['amber', 'emerald', 'gray']}
            unit="kW"
            label="Home consumption by source through the day, kW"
            testId="chart-day-sources"
          />
        )}
      </HistoryPanel>
    </>
  );
}
