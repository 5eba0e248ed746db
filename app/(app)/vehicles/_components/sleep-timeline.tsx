import type { ActivityState } from '@/lib/stats';
import { formatNumber } from '@/lib/format';
import type { ParkedDrainDay } from './parked-drain';
import type { TimelineDay } from './timeline';

export const STATE_COLOR: Record<ActivityState, string> = {
  asleep: 'bg-indigo-500',
  online: 'bg-amber-400',
  driving: 'bg-blue-600',
  charging: 'bg-emerald-500',
  offline: 'bg-gray-400',
  unknown: 'bg-gray-200 dark:bg-gray-700',
};
const ORDER: ActivityState[] = ['asleep', 'online', 'driving', 'charging', 'offline', 'unknown'];
const NAME: Record<ActivityState, string> = {
  asleep: 'asleep',
  online: 'online',
  driving: 'driving',
  charging: 'charging',
  offline: 'offline',
  unknown: 'not observed',
};

const dayLabel = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );

/** One bar per local day (midnight to midnight) coloured by state, with that day's idle drain beside it. */
export function SleepTimeline(props: { days: TimelineDay[]; drain: ParkedDrainDay[] }) {
  const drainOf = new Map(props.drain.map((d) => [d.date, d]));
  return (
    <div className="space-y-3">
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700 dark:text-gray-300" aria-label="Legend">
        {ORDER.map((s) => (
          <li key={s} className="flex items-center gap-1.5">
            <span className={`inline-block size-3 rounded-sm ${STATE_COLOR[s]}`} aria-hidden="true" />
            {NAME[s]}
          </li>
        ))}
      </ul>
      <ol className="space-y-2" data-testid="sleep-timeline">
        {props.days.map((day) => {
          const drain = drainOf.get(day.date);
          const words = ORDER.filter((s) => day.hours[s] >= 0.05)
            .map((s) => `${NAME[s]} ${formatNumber(day.hours[s], 1)} h`)
            .join(', ');
          return (
            <li
              key={day.date}
              className="grid grid-cols-[4.5rem_1fr] items-center gap-x-2 gap-y-0.5 sm:grid-cols-[5.5rem_1fr_7rem]"
              data-testid="timeline-day"
            >
              <span className="text-xs text-gray-700 dark:text-gray-300">{dayLabel(day.date)}</span>
              <div className="relative h-5 overflow-hidden rounded bg-gray-100 dark:bg-gray-800" aria-hidden="true">
                {day.bands.map((b, i) => (
                  <span
                    key={i}
                    data-state={b.state}
                    className={`absolute inset-y-0 ${STATE_COLOR[b.state]}`}
                    style={{ left: `${b.leftPct}%`, width: `${b.widthPct}%` }}
                  />
                ))}
              </div>
              <span className="sr-only">{words}.</span>
              <span
                className="col-start-2 text-xs text-gray-700 tabular-nums sm:col-start-3 dark:text-gray-300"
                data-testid="idle-drain-day"
              >
                {drain ? `idle drain ${formatNumber(drain.drainPct, 1)} %` : 'idle drain –'}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
