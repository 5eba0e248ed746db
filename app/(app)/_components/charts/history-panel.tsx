/** A titled card of the history pages (charging, energy); `id` links the heading to the region. */
export function HistoryPanel(props: {
  id: string;
  title: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${props.id}-title`}
      data-testid={`panel-${props.id}`}
      className="min-w-0 rounded-xl border border-gray-200 bg-white p-4 shadow-sm sm:p-5 dark:border-gray-800 dark:bg-gray-900"
    >
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={`${props.id}-title`} className="text-base font-semibold text-gray-900 dark:text-gray-50">
            {props.title}
          </h2>
          {props.description ? <div className="mt-0.5 text-sm text-gray-600 dark:text-gray-400">{props.description}</div> : null}
        </div>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

/** The loading placeholder of one panel (Suspense fallback): a title bar and `lines` grey rows or a chart block. */
export function HistoryPanelSkeleton(props: { title: string; chart?: boolean; lines?: number }) {
  return (
    <section
      aria-busy="true"
      aria-label={`${props.title} (loading)`}
      className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm sm:p-5 dark:border-gray-800 dark:bg-gray-900"
    >
      <p className="mb-3 text-base font-semibold text-gray-900 dark:text-gray-50">{props.title}</p>
      <div className="animate-pulse space-y-2">
        {props.chart ? <div className="h-60 rounded-md bg-gray-100 dark:bg-gray-800" /> : null}
        {Array.from({ length: props.lines ?? (props.chart ? 0 : 5) }, (_, i) => (
          <div key={i} className="h-5 rounded bg-gray-100 dark:bg-gray-800" />
        ))}
      </div>
    </section>
  );
}

/** A labelled figure: `value` is the number the page shows, `raw` the stored number (for tests and tools). */
export function HistoryStat(props: { label: string; value: string; raw?: number | null; testId?: string; hint?: string }) {
  return (
    <div className="min-w-0 rounded-lg bg-gray-50 p-3 dark:bg-gray-800/60">
      <dt className="text-xs text-gray-600 dark:text-gray-400">{props.label}</dt>
      <dd
        className="mt-0.5 text-lg font-semibold break-words text-gray-900 tabular-nums dark:text-gray-50"
        data-testid={props.testId}
        data-value={props.raw ?? undefined}
      >
        {props.value}
      </dd>
      {props.hint ? <dd className="text-xs text-gray-600 dark:text-gray-400">{props.hint}</dd> : null}
    </div>
  );
}
