'use client';

import { SectionError, type ErrorBoundaryProps } from '../_components/section-error';

/** The energy history failed to render: the boundary says so and offers a retry inside the shell. */
export default function EnergyError(props: ErrorBoundaryProps) {
  return <SectionError {...props} what="The energy history" />;
}
