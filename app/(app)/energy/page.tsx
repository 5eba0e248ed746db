import type { Metadata } from 'next';
import { getDb } from '@/db';
import { getOverviewCounts } from '@/db/queries/overview';
import { requireOwner } from '@/lib/auth/require-owner';
import { NotBuiltYet } from '../_components/not-built-yet';
import { PageHeader } from '../_components/page-header';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Energy' };

export default async function EnergyPage() {
  await requireOwner();
  const counts = await getOverviewCounts(await getDb());
  return (
    <>
      <PageHeader title="Energy">Solar, home, Powerwall and grid, by day, week, month and year.</PageHeader>
      <NotBuiltYet stored={counts.energySites} one="energy site" many="energy sites" />
    </>
  );
}
