import type { Metadata } from 'next';
import { Link } from '@/app/_components/intent-link';
import { Suspense } from 'react';
import { z } from 'zod';
import { getDb } from '@/db';
import { listDrivers, listRecentDrives } from '@/db/queries/drivers';
import { countDrives } from '@/db/queries/drives';
import { listLocations } from '@/db/queries/locations';
import { listVehicles } from '@/db/queries/vehicles';
import { loadDriverStats } from '@/lib/api/driver-stats';
import { requireOwner } from '@/lib/auth/require-owner';
import { formatDateTime, formatDistance, formatEfficiency, formatKwh, formatMoneyTotals, otherCurrencies } from '@/lib/format';
import { readDriverRulesZone, readPreferences } from '@/lib/settings/preferences';
import { statsOf } from '@/lib/stats';
import { validRules } from '@/lib/stats/driver-rules';
import { EmptyState } from '../_components/empty-state';
import { PageHeader } from '../_components/page-header';
import { card, muted, SectionSkeleton } from '../settings/_components/form-ui';
import { DriveDriverSelect } from './_components/drive-driver-select';
import { DriverCard } from './_components/driver-card';
import { DriverForm } from './_components/driver-form';
import { ruleText } from './_components/rule-text';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Drivers' };

/** Recent drives per page; `?page=N` (1-based) pages back to older ones. */
const DRIVES_PER_PAGE = 15;
const PageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

export default async function DriversPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOwner();
  const sp = await props.searchParams;
  const page = PageParam.parse(Array.isArray(sp.page) ? sp.page[0] : (sp.page ?? 1));
  return (
    <>
      <PageHeader title="Drivers">Who drove, and their distance, efficiency and cost.</PageHeader>
      <Suspense fallback={<SectionSkeleton label="drivers" rows={4} />}>
        <DriversPanel />
      </Suspense>
      <Suspense key={page} fallback={<SectionSkeleton label="recent drives" rows={6} />}>
        <RecentDrivesPanel page={page} />
      </Suspense>
    </>
  );
}

async function pickers() {
  const db = await getDb();
  const [vehicles, locations] = await Promise.all([listVehicles(db), listLocations(db)]);
  return {
    vehicles: vehicles.map((v) => ({ id: v.id, label: v.displayName ?? v.vin })),
    locations: locations.map((l) => ({ id: l.id, label: l.name })),
  };
}

async function DriversPanel() {
  const db = await getDb();
  const [drivers, stats, prefs, options, rulesZone] = await Promise.all([
    listDrivers(db),
    loadDriverStats(db),
    readPreferences(db),
    pickers(),
    readDriverRulesZone(db),
  ]);
  const others = otherCurrencies(
    [...stats.byDriver.values()].flatMap((s) => s.costs),
    stats.currency,
  );
  const names = {
    vehicles: Object.fromEntries(options.vehicles.map((v) => [v.id, v.label])),
    locations: Object.fromEntries(options.locations.map((l) => [l.id, l.label])),
  };
  return (
    <section aria-labelledby="drivers-title" className="space-y-3">
      <h2 id="drivers-title" className="text-lg font-semibold text-gray-900 dark:text-gray-50">
        Drivers
      </h2>
      <p className={muted}>
        All time. Efficiency is energy used per {prefs.distanceUnit === 'mi' ? 'mile' : 'kilometre'} over drives with a known energy; cost
        is each drive&apos;s energy at what charging that car cost per kWh. When the rules of several drivers match a drive, the lowest
        priority number wins; a drive assigned by hand keeps its driver.
      </p>
      {rulesZone !== prefs.timeZone ? (
        <p className={muted} data-testid="rules-zone-note">
          Rules are judged in {rulesZone} time, not your time zone ({prefs.timeZone}): the drivers were kept when the time zone changed.
          Settings → Units and preferences can re-run them in {prefs.timeZone}.
        </p>
      ) : null}
      {others.length > 0 ? (
        <p className={muted} data-testid="drivers-currency-note">
          Some costs are in {others.join(', ')}, not {stats.currency}: they are shown as priced, never converted.
        </p>
      ) : null}
      {drivers.length === 0 ? (
        <EmptyState title="No drivers yet">
          Add a driver below with a rule (for example weekdays 07:00–09:00 in one car) and their drives are assigned automatically.
        </EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
          {drivers.map((d) => {
            const s = statsOf(stats.byDriver, d.id);
            const rules = validRules(d.rules);
            return (
              <DriverCard
                key={d.id}
                driver={{ id: d.id, name: d.name, priority: d.priority, rules }}
                ruleTexts={rules.map((r) => ruleText(r, names))}
                figures={[
                  { label: 'Drives', value: String(s.drives), testId: 'driver-drives' },
                  { label: 'Distance', value: formatDistance(s.distanceKm, prefs, 0), testId: 'driver-distance' },
                  { label: 'Efficiency', value: formatEfficiency(s.efficiencyWhPerKm, prefs), testId: 'driver-efficiency' },
                  { label: 'Cost', value: formatMoneyTotals(s.costs, stats.currency), testId: 'driver-cost' },
                ]}
                vehicles={options.vehicles}
                locations={options.locations}
              />
            );
          })}
        </div>
      )}
      <div className={card}>
        <h3 className="mb-3 text-base font-semibold text-gray-900 dark:text-gray-50">Add a driver</h3>
        <DriverForm vehicles={options.vehicles} locations={options.locations} />
      </div>
    </section>
  );
}

async function RecentDrivesPanel(props: { page: number }) {
  const db = await getDb();
  const total = await countDrives(db, {});
  const pages = Math.max(1, Math.ceil(total / DRIVES_PER_PAGE));
  const page = Math.min(props.page, pages); // past the end: the oldest page, never an empty one
  const [drives, drivers, prefs] = await Promise.all([
    listRecentDrives(db, { limit: DRIVES_PER_PAGE, offset: (page - 1) * DRIVES_PER_PAGE }),
    listDrivers(db),
    readPreferences(db),
  ]);
  const driverNames = new Map(drivers.map((d) => [d.id, d.name]));
  return (
    <section aria-labelledby="recent-drives-title" className={`${card} space-y-3`}>
      <div>
        <h2 id="recent-drives-title" className="text-lg font-semibold text-gray-900 dark:text-gray-50">
          Recent drives
        </h2>
        <p className={muted}>
          Pick who drove to assign a drive by hand; the rules never change a hand assignment. “By rules” hands it back.
        </p>
      </div>
      {drives.length === 0 ? (
        <p className={muted}>No drives yet: they appear here once the sync has seen a car move.</p>
      ) : (
        <ul className="divide-y divide-gray-200 dark:divide-gray-800">
          {drives.map((d) => {
            const who = d.driverId ? (driverNames.get(d.driverId) ?? 'a driver') : 'Nobody';
            const how = d.driverAssignment === 'manual' ? 'by hand' : d.driverAssignment === 'rule' ? 'by rule' : 'no rule matched';
            const when = formatDateTime(d.startedAt, prefs.timeZone);
            return (
              <li
                key={d.id}
                className="grid grid-cols-1 gap-2 py-3 sm:grid-cols-[1fr_14rem] sm:items-center"
                data-testid="recent-drive"
                data-drive-id={d.id}
              >
                <div className="min-w-0 text-sm">
                  <p className="font-medium text-gray-900 dark:text-gray-50">
                    {when} · {d.vehicleName ?? d.vin}
                  </p>
                  <p className="break-words text-gray-700 dark:text-gray-300">
                    {formatDistance(d.distanceKm, prefs)} · {formatKwh(d.energyUsedKwh)} · {d.startPlace ?? 'Unnamed place'} →{' '}
                    {d.endPlace ?? 'Unnamed place'}
                  </p>
                  <p className="text-xs text-gray-600 dark:text-gray-400" data-testid="recent-drive-driver">
                    {who} ({how})
                  </p>
                </div>
                <DriveDriverSelect
                  driveId={d.id}
                  label={`Driver of the drive at ${when}`}
                  driverId={d.driverId}
                  assignment={d.driverAssignment}
                  drivers={drivers.map((x) => ({ id: x.id, name: x.name }))}
                />
              </li>
            );
          })}
        </ul>
      )}
      {pages > 1 ? <DrivesPager page={page} pages={pages} /> : null}
    </section>
  );
}

const pageLink = 'rounded-md px-2 py-1 font-medium text-blue-700 hover:underline dark:text-blue-300';
const drivesHref = (page: number) => (page === 1 ? '/drivers#recent-drives-title' : `/drivers?page=${page}#recent-drives-title`);

/** Newer / older through the URL (`?page=N`), so a page of drives can be linked and reloaded. */
function DrivesPager(props: { page: number; pages: number }) {
  const { page, pages } = props;
  return (
    <nav aria-label="Pages of recent drives" className="flex flex-wrap items-center justify-between gap-2 text-sm">
      {page > 1 ? (
        <Link href={drivesHref(page - 1)} className={pageLink}>
          ← Newer drives
        </Link>
      ) : (
        <span />
      )}
      <span className="text-gray-700 dark:text-gray-300" data-testid="recent-drives-page">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link href={drivesHref(page + 1)} className={pageLink}>
          Older drives →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
