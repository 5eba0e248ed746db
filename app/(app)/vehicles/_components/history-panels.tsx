import { getDb } from '@/db';
import { listDrives } from '@/db/queries/drives';
import { driveEfficiencyByDay, estimateCapacityKwh, listActivityStretches, listBusySpans } from '@/db/queries/vehicle-detail';
import { getLatestVehicleState, listVehicleStateBuckets, type VehicleRow } from '@/db/queries/vehicles';
import { KM_PER_MILE, formatDateTime, formatDistance, formatDuration, formatEfficiency, formatNumber, formatPercent } from '@/lib/format';
import { activityTotals } from '@/lib/stats';
import { LiveChart } from '../../_components/charts/live-chart';
import { Panel, PanelEmpty } from '../../_components/dashboard/panel';
import { loadPreferences } from '../../_components/dashboard/preferences';
import { parkedDrain } from './parked-drain';
import { SleepTimeline } from './sleep-timeline';
import { timelineDays, timelineIntervals } from './timeline';
import { DAY_MS } from '@/lib/time';
import { clock } from '@/lib/clock';

/** Windows: constant whatever the history's length (the page must not slow down with years of data). */
const BATTERY_DAYS = 7;
const EFFICIENCY_DAYS = 30;
const TIMELINE_DAYS = 7;
const CAPACITY_DAYS = 90;

const shortTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

/** The newest drives of this car. */
export async function TripsPanel(props: { vehicle: VehicleRow }) {
  const db = await getDb();
  const [drives, prefs] = await Promise.all([listDrives(db, { vehicleId: props.vehicle.id, limit: 8 }), loadPreferences()]);
  return (
    <Panel title="Recent trips" id="trips">
      {drives.length === 0 ? (
        <PanelEmpty>No trips yet. They appear after the sync sees the car drive.</PanelEmpty>
      ) : (
        <ul className="divide-y divide-gray-100 dark:divide-gray-800">
          {drives.map((d) => (
            <li key={d.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2 text-sm" data-testid="trip">
              <span className="min-w-0 text-gray-900 dark:text-gray-100">
                {formatDateTime(d.startedAt, prefs.timeZone)} · {d.startPlace ?? 'somewhere'} → {d.endPlace ?? 'somewhere'}
              </span>
              <span className="text-gray-700 tabular-nums dark:text-gray-300">
                <span data-testid="trip-distance">{formatDistance(d.distanceKm, prefs)}</span> ·{' '}
                {formatDuration(d.endedAt ? d.endedAt.getTime() - d.startedAt.getTime() : null)}
                {d.startBatteryLevel != null && d.endBatteryLevel != null ? ` · ${d.startBatteryLevel}→${d.endBatteryLevel} %` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/**
 * Battery level over the last week: hourly averages computed in SQL (at most 168 points). "Now" is
 * the newest sample's level, the one the Status panel and the dashboard show (an hour's average lags it).
 */
export async function BatteryPanel(props: { vehicle: VehicleRow }) {
  const db = await getDb();
  const prefs = await loadPreferences();
  const to = clock.now();
  const from = new Date(to.getTime() - BATTERY_DAYS * DAY_MS);
  const [buckets, latest] = await Promise.all([
    listVehicleStateBuckets(db, {
      vehicleId: props.vehicle.id,
      from,
      to,
      unit: 'hour',
      timeZone: prefs.timeZone,
      limit: 24 * BATTERY_DAYS + 2,
    }),
    getLatestVehicleState(db, props.vehicle.id),
  ]);
  const data = buckets
    .filter((b) => b.batteryLevelAvg != null)
    .map((b) => ({ time: shortTime(b.timestamp, prefs.timeZone), 'Battery level': b.batteryLevelAvg }));
  const now = latest?.batteryLevel ?? null;
  const inWeek = now !== null && latest !== undefined && latest.timestamp >= from;
  const levels = [...data.map((d) => d['Battery level'] as number), ...(inWeek ? [now] : [])];
  return (
    <Panel title="Battery level, last 7 days" id="battery">
      {data.length < 2 ? (
        <PanelEmpty>Not enough samples in the last week to draw the battery level. It fills in as the sync stores samples.</PanelEmpty>
      ) : (
        <>
          <LiveChart
            kind="area"
            data={data}
            index="time"
            categories={['Battery level']}
            colors={['emerald']}
            format="percent"
            minValue={0}
            maxValue={100}
            label="Battery level per hour over the last 7 days"
            testId="battery-chart"
          />
          <p className="mt-2 text-sm text-gray-700 dark:text-gray-300" data-testid="battery-range">
            Between {formatPercent(Math.min(...levels))} and {formatPercent(Math.max(...levels))}, now {formatPercent(now)}.
          </p>
        </>
      )}
    </Panel>
  );
}

/**
 * Wh per km (or mile) per day over the last 30 days. Drives with a measured energy count as they
 * are; the others by battery points used × the usable capacity (the car's, else estimated from
 * recent charges), which the panel states.
 */
export async function EfficiencyPanel(props: { vehicle: VehicleRow }) {
  const db = await getDb();
  const prefs = await loadPreferences();
  const to = clock.now();
  const [days, estimated] = await Promise.all([
    driveEfficiencyByDay(db, {
      vehicleId: props.vehicle.id,
      from: new Date(to.getTime() - EFFICIENCY_DAYS * DAY_MS),
      to,
      timeZone: prefs.timeZone,
    }),
    props.vehicle.batteryCapacityKwh
      ? Promise.resolve(null)
      : estimateCapacityKwh(db, { vehicleId: props.vehicle.id, from: new Date(to.getTime() - CAPACITY_DAYS * DAY_MS), to }),
  ]);
  const capacity = props.vehicle.batteryCapacityKwh ?? estimated;
  const perMile = prefs.distanceUnit === 'mi';
  const rows = days
    .map((d) => {
      const whPerKm =
        d.knownEnergyKwh != null && d.knownDistanceKm
          ? (d.knownEnergyKwh * 1000) / d.knownDistanceKm
          : capacity && d.batteryPctUsed != null && d.batteryDistanceKm
            ? ((d.batteryPctUsed / 100) * capacity * 1000) / d.batteryDistanceKm
            : null;
      return { date: d.date, whPerKm, distanceKm: d.distanceKm };
    })
    .filter((r): r is { date: string; whPerKm: number; distanceKm: number } => r.whPerKm != null && r.whPerKm > 0);
  const label = perMile ? 'Wh/mi' : 'Wh/km';
  const data = rows.map((r) => ({ day: r.date.slice(5), [label]: Math.round(perMile ? r.whPerKm * KM_PER_MILE : r.whPerKm) }));
  const totalKm = rows.reduce((s, r) => s + r.distanceKm, 0);
  const average = totalKm > 0 ? rows.reduce((s, r) => s + r.whPerKm * r.distanceKm, 0) / totalKm : null;
  return (
    <Panel title="Efficiency, last 30 days" id="efficiency">
      {data.length === 0 ? (
        <PanelEmpty>
          No drives with a known energy use in the last 30 days. Efficiency shows after a drive and a charge the sync has seen.
        </PanelEmpty>
      ) : (
        <>
          <LiveChart
            kind="bar"
            data={data}
            index="day"
            categories={[label]}
            colors={['blue']}
            format={perMile ? 'wh-per-mi' : 'wh-per-km'}
            label={`Driving efficiency per day in ${label}`}
            testId="efficiency-chart"
          />
          <p className="mt-2 text-sm text-gray-700 dark:text-gray-300">
            Average <span data-testid="efficiency-average">{formatEfficiency(average, prefs)}</span> over{' '}
            {formatDistance(totalKm, prefs, 0)}.
            {props.vehicle.batteryCapacityKwh == null && capacity
              ? ` Estimated from battery use with a usable capacity of about ${formatNumber(capacity, 0)} kWh (from recent charges).`
              : ''}
          </p>
        </>
      )}
    </Panel>
  );
}

/** Asleep/online/driving/charging bands per day over the last week, with idle drain per day (battery lost while parked between drives and charges). */
export async function SleepPanel(props: { vehicle: VehicleRow }) {
  const db = await getDb();
  const prefs = await loadPreferences();
  const to = clock.now();
  const from = new Date(to.getTime() - TIMELINE_DAYS * DAY_MS);
  const range = { vehicleId: props.vehicle.id, from, to };
  const [stretches, busy] = await Promise.all([listActivityStretches(db, range), listBusySpans(db, range)]);
  const intervals = timelineIntervals({ stretches, ...busy, from, to });
  const days = timelineDays(intervals, prefs.timeZone);
  const totals = activityTotals(intervals);
  const drain = parkedDrain([...busy.drives, ...busy.charges], prefs.timeZone);
  const drainPct = drain.reduce((s, d) => s + d.drainPct, 0);
  const drainHours = drain.reduce((s, d) => s + d.parkedHours, 0);
  const perDay = drainHours >= 1 ? (drainPct * 24) / drainHours : null;
  return (
    <Panel title="Sleep and idle drain, last 7 days" id="sleep">
      {stretches.length === 0 ? (
        <PanelEmpty>No state checks in the last week. The timeline fills in while the sync runs.</PanelEmpty>
      ) : (
        <>
          <p className="mb-3 text-sm text-gray-700 dark:text-gray-300">
            Asleep <span data-testid="asleep-share">{formatPercent(totals.asleepShare == null ? null : totals.asleepShare * 100)}</span> of
            the observed time · idle drain{' '}
            <span data-testid="idle-drain">{perDay == null ? 'not measured yet' : `${formatNumber(perDay, 1)} % a day`}</span>
            {perDay != null && drainHours > 0 ? ` (over ${formatNumber(drainHours, 0)} parked hours)` : ''}.
          </p>
          <SleepTimeline days={days} drain={drain} />
        </>
      )}
    </Panel>
  );
}
