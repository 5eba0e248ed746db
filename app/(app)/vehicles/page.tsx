import type { Metadata } from 'next';
import { getDb } from '@/db';
import { getOverviewCounts } from '@/db/queries/overview';
import { requireOwner } from '@/lib/auth/require-owner';
import { NotBuiltYet } from '../_components/not-built-yet';
import { PageHeader } from '../_components/page-header';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Vehicles' };

export default async function VehiclesPage() {
  await requireOwner();
  const counts = await getOverviewCounts(await getDb());
  return (
    <>
      <PageHeader title="Vehicles">Status, location, trips, battery and efficiency of each car.</PageHeader>
      <NotBuiltYet stored={counts.vehicles} one="vehicle" many="vehicles" />
    </>
  );
}
