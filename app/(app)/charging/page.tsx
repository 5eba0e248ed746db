import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getDb } from '@/db';
import { listLocations } from '@/db/queries/locations';
import { listVehicles } from '@/db/queries/vehicles';
import { requireOwner } from '@/lib/auth/require-owner';
import { readPreferences } from '@/lib/settings/preferences';
import { HistoryPanelSkeleton } from '../_components/charts/history-panel';
import { PageHeader } from '../_components/page-header';
import { FiltersForm } from './_components/filters-form';
import { MonthStatsPanel } from './_components/month-stats-panel';
import { SessionsTable } from './_components/sessions-table';
import { parseTableQuery } from './_lib/filters';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Charging' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ChargingPage(props: { searchParams: Promise<SearchParams> }) {
  await requireOwner();
  const db = await getDb();
  const [sp, prefs, vehicles, locations] = await Promise.all([
    props.searchParams,
    readPreferences(db),
    listVehicles(db),
    listLocations(db),
  ]);
  const { query, messages } = parseTableQuery(sp, {
    vehicles: new Set(vehicles.map((v) => v.id)),
    locations: new Set(locations.map((l) => l.id)),
  });
  return (
    <>
      <PageHeader title="Charging">
        Every charge with its kWh, cost and solar share. Times in <span data-testid="time-zone">{prefs.timeZone}</span>.
      </PageHeader>
      <FiltersForm
        query={query}
        vehicles={vehicles.map((v) => ({ id: v.id, name: v.displayName ?? v.vin }))}
        locations={locations.map((l) => ({ id: l.id, name: l.name }))}
      />
      {messages.length > 0 ? (
        <div
          role="alert"
          data-testid="filter-messages"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {messages.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      ) : null}
      <Suspense key={JSON.stringify(query)} fallback={<HistoryPanelSkeleton title="Sessions" lines={8} />}>
        <SessionsTable db={db} query={query} prefs={prefs} />
      </Suspense>
      <Suspense
        key={`months ${JSON.stringify({ ...query, page: undefined, period: undefined })}`}
        fallback={<HistoryPanelSkeleton title="By month" chart lines={4} />}
      >
        <MonthStatsPanel
          db={db}
          prefs={prefs}
          query={query}
          names={{
            vehicle: vehicles.find((v) => v.id === query.vehicle)?.displayName ?? vehicles.find((v) => v.id === query.vehicle)?.vin,
            location: locations.find((l) => l.id === query.location)?.name,
          }}
        />
      </Suspense>
    </>
  );
}
