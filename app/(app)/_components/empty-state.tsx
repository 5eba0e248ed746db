/** A panel that says plainly why there is nothing to show and what would change that. */
export function EmptyState(props: { title: string; children: React.ReactNode }) {
  return (
    <section
      aria-labelledby="empty-state-title"
      className="rounded-xl border border-dashed border-gray-300 bg-white p-6 text-center sm:p-10 dark:border-gray-700 dark:bg-gray-900"
    >
      <h2 id="empty-state-title" className="text-base font-semibold text-gray-900 dark:text-gray-100">
        {props.title}
      </h2>
      <div className="mx-auto mt-2 max-w-prose text-sm text-gray-600 dark:text-gray-400">{props.children}</div>
    </section>
  );
}
