import { Link } from '@/app/_components/intent-link';
import type { VehicleSummary } from '@/db/queries/dashboard';
import { clock } from '@/lib/clock';
import { formatDistance, formatDuration, formatPercent, formatPower, formatWhen, type DisplayUnits } from '@/lib/format';
import { Stat } from './panel';
import { placeLabel, type LastPlace } from './vehicle-place';
import { StatusBadge } from './vehicle-status';

/** One car at a glance: state, battery, range, charging progress and where it was last seen. */
export function VehicleCard(props: { summary: VehicleSummary; place: LastPlace; units: DisplayUnits; headingLevel?: 2 | 3 }) {
  const { vehicle, latest, status } = props.summary;
  const name = vehicle.displayName ?? vehicle.vin;
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article
      aria-labelledby={`vehicle-${vehicle.id}`}
      data-testid="vehicle-card"
      className="min-w-0 rounded-xl border border-gray-200 bg-white p-4 shadow-sm sm:p-5 dark:border-gray-800 dark:bg-gray-900"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Heading id={`vehicle-${vehicle.id}`} className="text-base font-semibold text-gray-900 dark:text-gray-50">
          <Link href={`/vehicles/${vehicle.id}`} className="hover:underline">
            {name}
          </Link>
        </Heading>
        <span className="text-xs text-gray-600 dark:text-gray-400">
          {[vehicle.year, modelName(vehicle.model)].filter(Boolean).join(' ')}
        </span>
      </div>
      <div className="mt-2">
        <StatusBadge
          status={status}
          since={props.summary.statusSince}
          observed={props.summary.statusSinceObserved}
          timeZone={props.units.timeZone}
        />
      </div>
      {status === 'charging' && latest ? <ChargingProgress latest={latest} /> : null}
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Stat label="Battery" value={formatPercent(latest?.batteryLevel)} testId="vehicle-battery" />
        <Stat label="Range" value={formatDistance(latest?.batteryRangeKm, props.units, 0)} testId="vehicle-range" />
        <Stat
          label="Last seen"
          value={placeLabel(props.place)}
          testId="vehicle-place"
          hint={props.place ? `at ${formatWhen(props.place.at, props.units.timeZone, clock.now())}` : undefined}
        />
      </dl>
    </article>
  );
}

function ChargingProgress(props: { latest: NonNullable<VehicleSummary['latest']> }) {
  const { batteryLevel, chargeLimitSoc, chargerPowerKw, minutesToFull } = props.latest;
  const level = batteryLevel ?? 0;
  const limit = chargeLimitSoc ?? 100;
  return (
    <div className="mt-3 space-y-1" data-testid="vehicle-charging">
      <div
        role="progressbar"
        aria-label="Battery charge"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={level}
        aria-valuetext={`${level} % of a ${limit} % limit`}
        className="relative h-3 overflow-hidden rounded-full bg-gray-200 dark:bg-gray-800"
      >
        <div className="h-full rounded-full bg-emerald-500" style={{ width: `${Math.min(100, level)}%` }} />
        <div
          className="absolute inset-y-0 w-0.5 bg-gray-900 dark:bg-gray-100"
          style={{ left: `${Math.min(100, limit)}%` }}
          aria-hidden="true"
        />
      </div>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        {formatPower(chargerPowerKw == null ? null : chargerPowerKw * 1000)} · {level} % of {limit} % ·{' '}
        {minutesToFull != null ? `full in ${formatDuration(minutesToFull * 60_000)}` : 'time to full not known'}
      </p>
    </div>
  );
}

const MODELS: Record<string, string> = {
  model3: 'Model 3',
  modely: 'Model Y',
  models: 'Model S',
  modelx: 'Model X',
  cybertruck: 'Cybertruck',
};
const modelName = (m: string | null) => (m ? (MODELS[m.toLowerCase()] ?? m) : null);
