import type { Metadata } from 'next';
import { requireOwner } from '@/lib/auth/require-owner';
import { EmptyState } from '../_components/empty-state';
import { PageHeader } from '../_components/page-header';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Drivers' };

export default async function DriversPage() {
  await requireOwner();
  return (
    <>
      <PageHeader title="Drivers">Who drove, and their distance, efficiency and cost.</PageHeader>
      <EmptyState title="No drivers yet">
        Nothing here yet: no drivers have been added, and adding them is not possible yet. Until then every drive and charge
        counts for the car alone.
      </EmptyState>
    </>
  );
}
