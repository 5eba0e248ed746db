import { Link } from '@/app/_components/intent-link';

/** A titled card: every dashboard and vehicle panel is one, so each has a heading to navigate by. */
export function Panel(props: {
  title: string;
  id: string;
  action?: { href: string; label: string };
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${props.id}-title`}
      data-testid={`panel-${props.id}`}
      className={`min-w-0 rounded-xl border border-gray-200 bg-white p-4 shadow-sm sm:p-5 dark:border-gray-800 dark:bg-gray-900 ${props.className ?? ''}`}
    >
      <div className="mb-3 flex items-baseline justify-between gap-3">
        <h2 id={`${props.id}-title`} className="text-base font-semibold text-gray-900 dark:text-gray-50">
          {props.title}
        </h2>
        {props.action ? (
          <Link href={props.action.href} className="shrink-0 text-sm font-medium text-blue-700 hover:underline dark:text-blue-300">
            {props.action.label}
          </Link>
        ) : null}
      </div>
      {props.children}
    </section>
  );
}

/** A labelled figure inside a panel (dt/dd pairs read well in screen readers). */
export function Stat(props: { label: string; value: string; testId?: string; hint?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-gray-600 dark:text-gray-400">{props.label}</dt>
      <dd className="text-lg font-semibold break-words text-gray-900 tabular-nums dark:text-gray-50" data-testid={props.testId}>
        {props.value}
      </dd>
      {props.hint ? <dd className="text-xs text-gray-600 dark:text-gray-400">{props.hint}</dd> : null}
    </div>
  );
}

/** What a panel shows while its data loads: its frame and grey bars, so the layout does not jump. */
export function PanelSkeleton(props: { title: string; lines?: number; className?: string }) {
  return (
    <div
      aria-busy="true"
      aria-label={`${props.title} loading`}
      className={`rounded-xl border border-gray-200 bg-white p-4 shadow-sm sm:p-5 dark:border-gray-800 dark:bg-gray-900 ${props.className ?? ''}`}
    >
      <p className="mb-3 text-base font-semibold text-gray-900 dark:text-gray-50">{props.title}</p>
      <div className="animate-pulse space-y-2">
        {Array.from({ length: props.lines ?? 3 }, (_, i) => (
          <div key={i} className="h-4 rounded bg-gray-200 dark:bg-gray-800" style={{ width: `${90 - i * 15}%` }} />
        ))}
      </div>
    </div>
  );
}

/** Says in a panel that there is nothing yet and what would change that. */
export function PanelEmpty(props: { children: React.ReactNode }) {
  return <p className="text-sm text-gray-600 dark:text-gray-400">{props.children}</p>;
}
