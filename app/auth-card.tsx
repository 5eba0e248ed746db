/** The small centred card of the login and setup pages. */
export function AuthCard(props: { title: string; intro: string; error?: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <section className="w-full max-w-sm space-y-4 rounded-xl border border-gray-200 bg-white p-6 shadow-sm dark:border-gray-800 dark:bg-gray-900">
        <h1 className="text-xl font-semibold">{props.title}</h1>
        <p className="text-sm text-gray-600 dark:text-gray-400">{props.intro}</p>
        {props.error ? (
          <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            {props.error}
          </p>
        ) : null}
        {props.children}
      </section>
    </main>
  );
}

export function Field(props: {
  name: string;
  label: string;
  autoComplete: string;
  minLength?: number;
  type?: 'password' | 'text';
  hint?: string;
}) {
  return (
    <label className="block text-sm font-medium text-gray-800 dark:text-gray-200">
      {props.label}
      <input
        name={props.name}
        type={props.type ?? 'password'}
        required
        minLength={props.minLength}
        autoComplete={props.autoComplete}
        aria-describedby={props.hint ? `${props.name}-hint` : undefined}
        className="mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-base focus:border-blue-600 focus:ring-2 focus:ring-blue-200 focus:outline-none dark:border-gray-700 dark:bg-gray-950 dark:focus:ring-blue-900"
      />
      {props.hint ? (
        <span id={`${props.name}-hint`} className="mt-1 block text-xs font-normal text-gray-600 dark:text-gray-400">
          {props.hint}
        </span>
      ) : null}
    </label>
  );
}

export function SubmitButton(props: { children: React.ReactNode }) {
  return (
    <button
      type="submit"
      className="w-full rounded-md bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:focus-visible:outline-blue-400"
    >
      {props.children}
    </button>
  );
}
