'use client';

import { EmptyState } from './empty-state';

export type ErrorBoundaryProps = { error: Error & { digest?: string }; reset: () => void };

/**
 * What an error.tsx of the signed-in app shows: what could not load, the error's reference (the
 * server log has the details), and a retry. The shell and the other pages keep working.
 */
export function SectionError(props: ErrorBoundaryProps & { what: string }) {
  return (
    <div role="alert">
      <EmptyState title={`${props.what} could not load`}>
        <p>
          Something went wrong while reading the data{props.error.digest ? ` (reference ${props.error.digest})` : ''}. Try again; if it
          keeps failing, the server log has the details.
        </p>
        <button
          type="button"
          onClick={props.reset}
          className="mt-3 rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
        >
          Try again
        </button>
      </EmptyState>
    </div>
  );
}
