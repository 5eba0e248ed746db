import { Suspense } from 'react';
import { getDbHandle } from '@/db';
import { requireOwner } from '@/lib/auth/require-owner';
import { BillingLockNotice } from './_components/dashboard/billing-lock-notice';
import { PanelSkeleton } from './_components/dashboard/panel';
import { PowerwallPanel } from './_components/dashboard/powerwall-panel';
import { RecentPanel } from './_components/dashboard/recent-panel';
import { TodayPanel } from './_components/dashboard/today-panel';
import { UsagePanel } from './_components/dashboard/usage-panel';
import { VehiclesPanel } from './_components/dashboard/vehicles-panel';
import { PageHeader } from './_components/page-header';

export const dynamic = 'force-dynamic';

/**
 * The dashboard: cars, the Powerwall's live flow, today's energy, latest charges and drives, API use.
 * Each panel streams on its own; its skeleton is as tall as the panel usually is (one car, one site;
 * measured at 412 and 1440 px), so a panel that arrives after the first paint does not push the
 * rest down (a layout shift of 0.23 on a phone when the server was slow; issue 20).
 */
export default async function DashboardPage() {
  await requireOwner();
  const driver = getDbHandle().driver;
  return (
    <>
      <PageHeader title="Tessie Stats">Your cars, your home energy and what the Tesla API costs, at a glance.</PageHeader>
      <Suspense fallback={null}>
        <BillingLockNotice />
      </Suspense>
      <section aria-labelledby="vehicles-title" className="space-y-3">
        <h2 id="vehicles-title" className="sr-only">
          Vehicles
        </h2>
        <Suspense fallback={<PanelSkeleton title="Vehicles" lines={4} className="min-h-[13.25rem] md:min-h-[10.25rem]" />}>
          <VehiclesPanel />
        </Suspense>
      </section>
      <div className="grid gap-4 lg:grid-cols-5">
        <div className="lg:col-span-3">
          <Suspense fallback={<PanelSkeleton title="Powerwall" lines={6} className="min-h-[34rem] sm:min-h-[17.25rem]" />}>
            <PowerwallPanel />
          </Suspense>
        </div>
        <div className="space-y-4 lg:col-span-2">
          <Suspense fallback={<PanelSkeleton title="Today" lines={3} className="min-h-[16.5rem] lg:min-h-[13.5rem]" />}>
            <TodayPanel />
          </Suspense>
          <Suspense fallback={<PanelSkeleton title="Tesla API usage" lines={2} className="min-h-[10.75rem]" />}>
            <UsagePanel />
          </Suspense>
        </div>
      </div>
      <Suspense fallback={<PanelSkeleton title="Latest charges and drives" lines={4} className="min-h-[28rem] md:min-h-[14rem]" />}>
        <RecentPanel />
      </Suspense>
      <p className="text-xs text-gray-600 dark:text-gray-400">
        Database: <span data-testid="db-driver">{driver === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}</span>
      </p>
    </>
  );
}
