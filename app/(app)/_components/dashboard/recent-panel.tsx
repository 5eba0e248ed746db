import { Link } from '@/app/_components/intent-link';
import { getDb } from '@/db';
import { listChargingSessions } from '@/db/queries/charging';
import { listDrives, type DriveRow } from '@/db/queries/drives';
import { listVehicles } from '@/db/queries/vehicles';
import type { Db } from '@/db/client';
import { formatDateTime, formatDistance, formatKwh, formatMoney } from '@/lib/format';
import { Panel, PanelEmpty } from './panel';
import { loadPreferences } from './preferences';

const ROWS = 4;
const li = 'flex items-baseline justify-between gap-3 py-2';

/**
 * The newest drives of all cars: drives are indexed per vehicle (idx_drives_vehicle_started), so
 * each car's newest few are read with that index and merged, instead of sorting every drive.
 */
async function latestDrives(db: Db, limit: number): Promise<DriveRow[]> {
  const perCar = await Promise.all((await listVehicles(db)).map((v) => listDrives(db, { vehicleId: v.id, limit })));
  return perCar
    .flat()
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || b.id.localeCompare(a.id))
    .slice(0, limit);
}

/** The newest charges (to their session page) and drives (to their car's page): LIMIT lookups on the started_at indexes. */
export async function RecentPanel() {
  const db = await getDb();
  const [charges, drives, prefs] = await Promise.all([
    listChargingSessions(db, { limit: ROWS }),
    latestDrives(db, ROWS),
    loadPreferences(),
  ]);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Panel title="Latest charges" id="latest-charges" action={{ href: '/charging', label: 'All charges' }}>
        {charges.length === 0 ? (
          <PanelEmpty>No charges yet. They appear after the car&apos;s first charge the sync sees.</PanelEmpty>
        ) : (
          <ul className="divide-y divide-gray-100 dark:divide-gray-800">
            {charges.map((c) => (
              <li key={c.id} className={li} data-testid="latest-charge">
                <Link
                  href={`/charging/${c.id}`}
                  prefetch={false}
                  className="min-w-0 text-sm font-medium text-blue-700 hover:underline dark:text-blue-300"
                >
                  {formatDateTime(c.startedAt, prefs.timeZone)} · {c.locationName ?? 'Unknown place'}
                </Link>
                <span className="shrink-0 text-sm text-gray-800 tabular-nums dark:text-gray-200">
                  <span data-testid="latest-charge-kwh">{formatKwh(c.energyAddedKwh)}</span>
                  {c.cost != null && c.costCurrency ? ` · ${formatMoney(c.cost, c.costCurrency)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title="Latest drives" id="latest-drives">
        {drives.length === 0 ? (
          <PanelEmpty>No drives yet. They appear after the sync sees the car drive.</PanelEmpty>
        ) : (
          <ul className="divide-y divide-gray-100 dark:divide-gray-800">
            {drives.map((d) => (
              <li key={d.id} className={li} data-testid="latest-drive">
                <Link
                  href={`/vehicles/${d.vehicleId}`}
                  className="min-w-0 text-sm font-medium text-blue-700 hover:underline dark:text-blue-300"
                >
                  {formatDateTime(d.startedAt, prefs.timeZone)} · {d.startPlace ?? '?'} → {d.endPlace ?? '?'}
                </Link>
                <span className="shrink-0 text-sm text-gray-800 tabular-nums dark:text-gray-200">
                  {formatDistance(d.distanceKm, prefs)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
