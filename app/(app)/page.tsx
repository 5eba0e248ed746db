import { getDb, getDbHandle } from '@/db';
import { getOverviewCounts } from '@/db/queries/overview';
import { requireOwner } from '@/lib/auth/require-owner';
import { PageHeader } from './_components/page-header';

export const dynamic = 'force-dynamic';

const LABELS = [
  ['vehicles', 'Vehicles'],
  ['chargingSessions', 'Charging sessions'],
  ['drives', 'Drives'],
  ['energySites', 'Energy sites'],
] as const;

/** Placeholder dashboard: proves the page reads the database. The full dashboard replaces it. */
export default async function DashboardPage() {
  await requireOwner();
  const counts = await getOverviewCounts(await getDb());
  const driver = getDbHandle().driver;
  return (
    <>
      <PageHeader title="Tessie Stats">
        Database: <span data-testid="db-driver">{driver === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}</span>
      </PageHeader>
      <section aria-label="Stored data" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {LABELS.map(([key, label]) => (
          <div key={key} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm dark:border-gray-800 dark:bg-gray-900">
            <p className="text-xs text-gray-600 dark:text-gray-400">{label}</p>
            <p className="text-2xl font-semibold" data-testid={`count-${key}`}>
              {counts[key]}
            </p>
          </div>
        ))}
      </section>
    </>
  );
}
