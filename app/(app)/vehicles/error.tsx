'use client';
import { EmptyState } from '../_components/empty-state';

/** A panel failed to load: say so and offer a retry instead of a blank page. */
export default function VehiclesError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState title="The vehicles could not load">
      Something went wrong while reading the data{props.error.digest ? ` (reference ${props.error.digest})` : ''}.{' '}
      <button type="button" onClick={props.reset} className="font-medium text-blue-700 underline dark:text-blue-300">
        Try again
      </button>
    </EmptyState>
  );
}
