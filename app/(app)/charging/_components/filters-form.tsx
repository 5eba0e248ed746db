import { Link } from '@/app/_components/intent-link';
import { CHARGE_SOURCES, CHARGER_KINDS } from '@/db/schema';
import { CHARGER_LABELS, PERIODS, SOURCE_LABELS, periodLabel, type TableQuery } from '../_lib/filters';

const field =
  'block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm text-gray-900 dark:border-gray-700 dark:bg-gray-950 dark:text-gray-100';
const label = 'block text-xs font-medium text-gray-700 dark:text-gray-300';

/**
 * The table's filters as a plain GET form: it works without JavaScript and every filter ends up in
 * the URL, so a filtered view can be bookmarked and shared.
 */
export function FiltersForm(props: {
  query: TableQuery;
  vehicles: { id: string; name: string }[];
  locations: { id: string; name: string }[];
}) {
  const q = props.query;
  const periods: { value: string; label: string }[] = PERIODS.some((p) => p.value === q.period)
    ? [...PERIODS]
    : [{ value: q.period, label: periodLabel(q.period) }, ...PERIODS];
  return (
    <form
      method="get"
      action="/charging"
      aria-label="Filter charging sessions"
      className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end"
    >
      <div>
        <label htmlFor="f-period" className={label}>
          Period
        </label>
        <select id="f-period" name="period" defaultValue={q.period} className={field}>
          {periods.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-vehicle" className={label}>
          Vehicle
        </label>
        <select id="f-vehicle" name="vehicle" defaultValue={q.vehicle ?? ''} className={field}>
          <option value="">All vehicles</option>
          {props.vehicles.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-location" className={label}>
          Location
        </label>
        <select id="f-location" name="location" defaultValue={q.location ?? ''} className={field}>
          <option value="">All places</option>
          {props.locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-type" className={label}>
          Charger
        </label>
        <select id="f-type" name="type" defaultValue={q.type ?? ''} className={field}>
          <option value="">Any charger</option>
          {CHARGER_KINDS.map((k) => (
            <option key={k} value={k}>
              {CHARGER_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-source" className={label}>
          Source
        </label>
        <select id="f-source" name="source" defaultValue={q.source ?? ''} className={field}>
          <option value="">Any source</option>
          {CHARGE_SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          Apply
        </button>
        <Link href="/charging" className="rounded-md px-2 py-1.5 text-sm font-medium text-blue-700 hover:underline dark:text-blue-300">
          Clear
        </Link>
      </div>
    </form>
  );
}
