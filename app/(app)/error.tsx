'use client';

import { SectionError, type ErrorBoundaryProps } from './_components/section-error';

/** This page failed to render: the boundary says so and offers a retry inside the shell. */
export default function AppError(props: ErrorBoundaryProps) {
  return <SectionError {...props} what="This page" />;
}
