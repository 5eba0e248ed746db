import type { Metadata } from 'next';
import { Link } from '@/app/_components/intent-link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { getDb } from '@/db';
import { getVehicle } from '@/db/queries/vehicles';
import { toVehicleRef } from '@/lib/api/query';
import { requireOwner } from '@/lib/auth/require-owner';
import { PanelSkeleton } from '../../_components/dashboard/panel';
import { PageHeader } from '../../_components/page-header';
import { BatteryPanel, EfficiencyPanel, SleepPanel, TripsPanel } from '../_components/history-panels';
import { LocationPanel, StatusPanel } from '../_components/status-panel';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** The car a path names: the app's uuid or the VIN; anything else, or no such car, is a 404 page. */
async function vehicleOf(id: string) {
  const ref = toVehicleRef(decodeURIComponent(id));
  return ref ? getVehicle(await getDb(), ref) : undefined;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  await requireOwner();
  const v = await vehicleOf((await props.params).id);
  return { title: v ? (v.displayName ?? v.vin) : 'Vehicle not found' };
}

/** One car: status and charging, map, trips, battery chart, efficiency, sleep timeline with idle drain. */
export default async function VehiclePage(props: Props) {
  await requireOwner();
  const vehicle = await vehicleOf((await props.params).id);
  if (!vehicle) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/vehicles" className="font-medium text-blue-700 hover:underline dark:text-blue-300">
          ← All vehicles
        </Link>
      </nav>
      <PageHeader title={vehicle.displayName ?? vehicle.vin}>
        VIN <span className="font-mono">{vehicle.vin}</span>
        {vehicle.firmwareVersion ? ` · software ${vehicle.firmwareVersion}` : ''}
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-2">
        <Suspense fallback={<PanelSkeleton title="Status" lines={5} />}>
          <StatusPanel vehicle={vehicle} />
        </Suspense>
        <Suspense fallback={<PanelSkeleton title="Location" lines={6} />}>
          <LocationPanel vehicle={vehicle} />
        </Suspense>
      </div>
      <Suspense fallback={<PanelSkeleton title="Battery level, last 7 days" lines={6} />}>
        <BatteryPanel vehicle={vehicle} />
      </Suspense>
      <div className="grid gap-4 lg:grid-cols-2">
        <Suspense fallback={<PanelSkeleton title="Efficiency, last 30 days" lines={6} />}>
          <EfficiencyPanel vehicle={vehicle} />
        </Suspense>
        <Suspense fallback={<PanelSkeleton title="Recent trips" lines={6} />}>
          <TripsPanel vehicle={vehicle} />
        </Suspense>
      </div>
      <Suspense fallback={<PanelSkeleton title="Sleep and idle drain, last 7 days" lines={7} />}>
        <SleepPanel vehicle={vehicle} />
      </Suspense>
    </>
  );
}
