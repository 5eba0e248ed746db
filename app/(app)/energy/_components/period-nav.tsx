import { Link } from '@/app/_components/intent-link';
import { energyHref, VIEWS, type EnergyPeriod } from '../_lib/period';

const NAMES = { day: 'Day', week: 'Week', month: 'Month', year: 'Year' } as const;
const link = 'rounded-md px-3 py-1.5 text-sm font-medium';

/** View tabs (day/week/month/year) and previous/next links; everything lives in the URL. */
export function PeriodNav(props: { period: EnergyPeriod; site?: string; today: string }) {
  const p = props.period;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <nav aria-label="View" className="inline-flex rounded-lg bg-gray-100 p-1 dark:bg-gray-800">
        {VIEWS.map((v) => (
          <Link
            key={v}
            href={energyHref({ view: v, date: p.isCurrent ? undefined : p.from, site: props.site })}
            aria-current={v === p.view ? 'page' : undefined}
            className={`${link} ${v === p.view ? 'bg-white text-gray-900 shadow-sm dark:bg-gray-950 dark:text-gray-50' : 'text-gray-700 hover:text-gray-900 dark:text-gray-300 dark:hover:text-gray-50'}`}
          >
            {NAMES[v]}
          </Link>
        ))}
      </nav>
      <nav aria-label="Period" className="flex items-center gap-1">
        <Link
          href={energyHref({ view: p.view, date: p.prev, site: props.site })}
          className={`${link} text-blue-700 hover:bg-blue-50 dark:text-blue-300 dark:hover:bg-blue-950`}
          aria-label={`Previous ${p.view}`}
        >
          ← Previous
        </Link>
        <p
          className="min-w-36 text-center text-sm font-semibold text-gray-900 dark:text-gray-50"
          data-testid="period-label"
          data-from={p.from}
          data-to={p.to}
          aria-live="polite"
        >
          {p.label}
        </p>
        {p.next ? (
          <Link
            href={energyHref({ view: p.view, date: p.next, site: props.site })}
            className={`${link} text-blue-700 hover:bg-blue-50 dark:text-blue-300 dark:hover:bg-blue-950`}
            aria-label={`Next ${p.view}`}
          >
            Next →
          </Link>
        ) : (
          <span className={`${link} text-gray-500 dark:text-gray-400`} aria-disabled="true">
            Next →
          </span>
        )}
      </nav>
    </div>
  );
}
