import type { VehicleStatus } from '@/db/queries/dashboard';
import { formatWhen } from '@/lib/format';
import { clock } from '@/lib/clock';

const STYLE: Record<VehicleStatus, string> = {
  driving: 'bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-100',
  charging: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
  online: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  asleep: 'bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100',
  offline: 'bg-gray-200 text-gray-900 dark:bg-gray-800 dark:text-gray-100',
  unknown: 'bg-gray-200 text-gray-900 dark:bg-gray-800 dark:text-gray-100',
};

export const STATUS_LABEL: Record<VehicleStatus, string> = {
  driving: 'Driving',
  charging: 'Charging',
  online: 'Online',
  asleep: 'Asleep',
  offline: 'Offline',
  unknown: 'Not seen yet',
};

/**
 * "since 08:25" today, "since 26 Nov 2026, 17:35" before that, in the owner's time zone; "seen since …"
 * when that is only when the app first saw the state (`observed` false), not when it began.
 */
export function sinceLabel(at: Date | null, timeZone: string, now = clock.now(), observed = true): string {
  if (!at) return '';
  return `${observed ? '' : 'seen '}since ${formatWhen(at, timeZone, now)}`;
}

/** The state in words (never colour alone) with since-when. */
export function StatusBadge(props: { status: VehicleStatus; since: Date | null; observed: boolean; timeZone: string }) {
  return (
    <p className="flex flex-wrap items-center gap-x-2 text-sm" data-testid="vehicle-status">
      <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${STYLE[props.status]}`}>{STATUS_LABEL[props.status]}</span>
      {props.since ? (
        <time
          dateTime={props.since.toISOString()}
          className="text-gray-600 dark:text-gray-400"
          title={props.observed ? undefined : 'The app first saw this state then; it may have begun earlier.'}
        >
          {sinceLabel(props.since, props.timeZone, clock.now(), props.observed)}
        </time>
      ) : null}
    </p>
  );
}
