import type { Db } from '@/db/client';
import type { ChargingSessionRow } from '@/db/queries/charging';
import { listStatesBetween } from '@/db/queries/vehicles';
import { countOf, formatNumber, formatPercent, formatTime } from '@/lib/format';
import { HistoryChart } from '../../_components/charts/history-chart';
import { HistoryPanel } from '../../_components/charts/history-panel';

/** As GET /api/charging/sessions/:id: an open session is read up to 48 h after its start, at most 5000 states. */
const OPEN_SESSION_MS = 48 * 3_600_000;
const MAX_SAMPLES = 5000;
/** Points drawn: every n-th state, so a long charge stays a light chart. */
const MAX_POINTS = 240;

/** Charger power (kW) and battery level (%) over the session, from the car's stored states. */
export async function ChargeCurvePanel(props: { db: Db; session: ChargingSessionRow; timeZone: string }) {
  const s = props.session;
  const to = s.endedAt ?? new Date(s.startedAt.getTime() + OPEN_SESSION_MS);
  const samples = await listStatesBetween(props.db, { vehicleId: s.vehicleId, from: s.startedAt, to, limit: MAX_SAMPLES });
  const step = Math.max(1, Math.ceil(samples.length / MAX_POINTS));
  const points = samples.filter((_, i) => i % step === 0 || i === samples.length - 1);
  const data = points.map((p) => ({
    time: formatTime(p.timestamp, props.timeZone),
    Power: p.chargerPowerKw,
    'Battery level': p.batteryLevel,
  }));
  const hasPower = points.some((p) => p.chargerPowerKw !== null);
  return (
    <HistoryPanel
      id="curve"
      title="Charge curve"
      description={`${countOf(samples.length, 'state')} recorded by the sync during the charge.`}
    >
      {points.length < 3 ? (
        <div className="space-y-2 text-sm text-gray-700 dark:text-gray-300" data-testid="curve-too-few">
          <p>
            No curve: the sync recorded {points.length === 0 ? 'no state' : 'too few states'} of the car during this charge to draw one (a
            charge seen only afterwards, or one from Tesla&apos;s history, has no samples).
          </p>
          {points.length > 0 ? (
            <ul className="list-inside list-disc">
              {points.map((p) => (
                <li key={p.timestamp.toISOString()}>
                  <time dateTime={p.timestamp.toISOString()}>{formatTime(p.timestamp, props.timeZone)}</time>:{' '}
                  {p.chargerPowerKw === null ? 'power not reported' : `${formatNumber(p.chargerPowerKw, 1)} kW`}, battery{' '}
                  {formatPercent(p.batteryLevel)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-medium text-gray-700 dark:text-gray-300">Power (kW)</h3>
            {hasPower ? (
              <HistoryChart
                kind="area"
                data={data}
                index="time"
                categories={['Power']}
                colors={['blue']}
                unit="kW"
                label="Charging power over time, kW"
                testId="chart-power"
              />
            ) : (
              <p className="text-sm text-gray-700 dark:text-gray-300">The car reported no charger power for this charge.</p>
            )}
          </div>
          <div>
            <h3 className="mb-1 text-sm font-medium text-gray-700 dark:text-gray-300">Battery level (%)</h3>
            <HistoryChart
              kind="line"
              data={data}
              index="time"
              categories={['Battery level']}
              colors={['emerald']}
              unit="%"
              label="Battery level over time, percent"
              testId="chart-battery"
            />
          </div>
        </div>
      )}
    </HistoryPanel>
  );
}
