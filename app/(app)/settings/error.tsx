'use client';

import { SectionError, type ErrorBoundaryProps } from '../_components/section-error';

/** The settings failed to render: the boundary says so and offers a retry inside the shell. */
export default function SettingsError(props: ErrorBoundaryProps) {
  return <SectionError {...props} what="The settings" />;
}
