import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requireOwner } from '@/lib/auth/require-owner';
import { SectionSkeleton } from '../_components/form-ui';
import { TeslaConnection } from '../_components/tesla-connection';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Tesla connection · Settings' };

/** Settings → Tesla connection; the OAuth callback lands here with ?tesla=… (read by TeslaConnectResult). */
export default async function Page() {
  await requireOwner();
  return (
    <Suspense fallback={<SectionSkeleton label="Tesla connection" rows={2} />}>
      <TeslaConnection />
    </Suspense>
  );
}
