/** Small form primitives shared by the drivers and settings pages (plain Tailwind, light and dark). */
export const card = 'rounded-xl border border-gray-200 bg-white p-4 shadow-sm dark:border-gray-800 dark:bg-gray-900 sm:p-5';
export const input =
  'block w-full min-w-0 rounded-md border border-gray-300 bg-white px-2.5 py-1.5 text-sm text-gray-900 shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 dark:border-gray-700 dark:bg-gray-950 dark:text-gray-100';
export const button =
  'inline-flex items-center justify-center gap-1 rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60 dark:bg-blue-600 dark:hover:bg-blue-500';
export const secondary =
  'inline-flex items-center justify-center gap-1 rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-50 disabled:opacity-60 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100 dark:hover:bg-gray-800';
export const danger =
  'inline-flex items-center justify-center rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950';
export const muted = 'text-sm text-gray-600 dark:text-gray-400';

/** A labelled field with its inline error (announced to screen readers through aria-describedby). */
export function Field(props: { id: string; label: string; error?: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={props.className ?? 'space-y-1'}>
      <label htmlFor={props.id} className="block text-xs font-medium text-gray-700 dark:text-gray-300">
        {props.label}
      </label>
      {props.children}
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}

/** A field's (or a group's) inline error; nothing without a message. */
export function FieldError(props: { message?: string | null; id?: string }) {
  if (!props.message) return null;
  return (
    <p id={props.id} className="text-xs text-red-700 dark:text-red-400">
      {props.message}
    </p>
  );
}

export function FormError(props: { message?: string | null }) {
  if (!props.message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
      {props.message}
    </p>
  );
}

/** A form's error and its submit / cancel row: "Saving…" while busy, Cancel only where the form can be closed. */
export function FormActions(props: { busy: boolean; submitLabel: string; message?: string | null; onCancel?: () => void }) {
  return (
    <>
      <FormError message={props.message} />
      <div className="flex gap-2">
        <button type="submit" className={button} disabled={props.busy}>
          {props.busy ? 'Saving…' : props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" className={secondary} onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </>
  );
}

export function SectionSkeleton(props: { label: string; rows?: number }) {
  return (
    <div className={card} aria-busy="true" aria-label={`Loading ${props.label}`}>
      <div className="h-5 w-40 animate-pulse rounded bg-gray-200 dark:bg-gray-800" />
      {Array.from({ length: props.rows ?? 3 }, (_, i) => (
        <div key={i} className="mt-3 h-4 w-full animate-pulse rounded bg-gray-100 dark:bg-gray-800/60" />
      ))}
    </div>
  );
}
