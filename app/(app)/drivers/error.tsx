'use client';

/** The drivers page failed to render: say so and offer a retry (the rest of the app keeps working). */
export default function DriversError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
      <h2 className="text-base font-semibold">The drivers could not be loaded</h2>
      <p className="mt-1">Something went wrong while reading them. Try again; if it keeps failing, the server log has the details.</p>
      <button type="button" onClick={props.reset} className="mt-3 rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800">
        Try again
      </button>
    </section>
  );
}
