import { getDb, getDbHandle } from '@/db';
import { getOverviewCounts } from '@/db/queries/overview';
import { requireOwner } from '@/lib/auth/require-owner';

export const dynamic = 'force-dynamic';

const LABELS = [
  ['vehicles', 'Vehicles'],
  ['chargingSessions', 'Charging sessions'],
  ['drives', 'Drives'],
  ['energySites', 'Energy sites'],
] as const;

/** Placeholder dashboard: proves the page reads the database. The full dashboard replaces it. */
export default async function HomePage() {
  await requireOwner();
  const counts = await getOverviewCounts(await getDb());
  const driver = getDbHandle().driver;
  return (
    <main className="mx-auto max-w-3xl space-y-6 p-4 sm:p-8">
      <header>
        <h1 className="text-2xl font-semibold">Tessie Stats</h1>
        <p className="text-sm text-gray-600">
          Database: <span data-testid="db-driver">{driver === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}</span>
        </p>
      </header>
      <section aria-label="Stored data" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {LABELS.map(([key, label]) => (
          <div key={key} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
            <p className="text-xs text-gray-600">{label}</p>
            <p className="text-2xl font-semibold" data-testid={`count-${key}`}>
              {counts[key]}
            </p>
          </div>
        ))}
      </section>
    </main>
  );
}
