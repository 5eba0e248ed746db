'use client';
import { EmptyState } from '../_components/empty-state';

/** When a energy panel fails to load: says so and offers a retry instead of a blank page. */
export default function EnergyError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState title="The energy history could not be loaded">
      <p>Something went wrong while reading the energy records{props.error.digest ? ` (reference ${props.error.digest})` : ''}. Try again; if it keeps failing, check the server log.</p>
      <button type="button" onClick={props.reset} className="mt-3 rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
        Try again
      </button>
    </EmptyState>
  );
}
