'use client';

import { SectionError, type ErrorBoundaryProps } from '../_components/section-error';

/** The vehicles failed to render: the boundary says so and offers a retry inside the shell. */
export default function VehiclesError(props: ErrorBoundaryProps) {
  return <SectionError {...props} what="The vehicles" />;
}
