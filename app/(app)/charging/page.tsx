import type { Metadata } from 'next';
import { getDb } from '@/db';
import { getOverviewCounts } from '@/db/queries/overview';
import { requireOwner } from '@/lib/auth/require-owner';
import { NotBuiltYet } from '../_components/not-built-yet';
import { PageHeader } from '../_components/page-header';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Charging' };

export default async function ChargingPage() {
  await requireOwner();
  const counts = await getOverviewCounts(await getDb());
  return (
    <>
      <PageHeader title="Charging">Every charge with its kWh, cost and solar share.</PageHeader>
      <NotBuiltYet stored={counts.chargingSessions} one="charging session" many="charging sessions" />
    </>
  );
}
