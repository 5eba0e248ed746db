import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requireOwner } from '@/lib/auth/require-owner';
import { PanelSkeleton } from '../_components/dashboard/panel';
import { VehiclesPanel } from '../_components/dashboard/vehicles-panel';
import { PageHeader } from '../_components/page-header';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Vehicles' };

/** Every car on the account; each card leads to the car's page. */
export default async function VehiclesPage() {
  await requireOwner();
  return (
    <>
      <PageHeader title="Vehicles">Status, location, trips, battery and efficiency of each car.</PageHeader>
      <Suspense fallback={<PanelSkeleton title="Vehicles" lines={4} />}>
        <VehiclesPanel headingLevel={2} />
      </Suspense>
    </>
  );
}
