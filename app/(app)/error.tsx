'use client';
import { EmptyState } from './_components/empty-state';

/** A page of the signed-in app failed: say so and offer a retry, inside the shell. */
export default function AppError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState title="This page could not load">
      Something went wrong while reading the data{props.error.digest ? ` (reference ${props.error.digest})` : ''}.{' '}
      <button type="button" onClick={props.reset} className="font-medium text-blue-700 underline dark:text-blue-300">
        Try again
      </button>
    </EmptyState>
  );
}
