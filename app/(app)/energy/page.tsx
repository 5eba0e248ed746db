import type { Metadata } from 'next';
import { Link } from '@/app/_components/intent-link';
import { Suspense } from 'react';
import { getDb } from '@/db';
import { listEnergySites } from '@/db/queries/energy';
import { requireOwner } from '@/lib/auth/require-owner';
import { HistoryPanelSkeleton } from '../_components/charts/history-panel';
import { EmptyState } from '../_components/empty-state';
import { PageHeader } from '../_components/page-header';
import { readPreferences } from '@/lib/settings/preferences';
import { knownZone, today as todayIn } from '@/lib/time';
import { DayChartsPanel } from './_components/day-charts-panel';
import { PeriodChartsPanel } from './_components/period-charts-panel';
import { PeriodNav } from './_components/period-nav';
import { TotalsPanel } from './_components/totals-panel';
import { energyPeriod, parseEnergyQuery } from './_lib/period';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Energy' };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Days, weeks, months and years follow the site's own calendar, like energy_daily and the energy API, and
 * times are the site's clock; when the owner's time zone differs the page says so once.
 */
export default async function EnergyPage(props: { searchParams: Promise<SearchParams> }) {
  await requireOwner();
  const db = await getDb();
  const [sp, sites, prefs] = await Promise.all([props.searchParams, listEnergySites(db), readPreferences(db)]);
  if (sites.length === 0) {
    return (
      <>
        <PageHeader title="Energy">Solar, home, Powerwall and grid, by day, week, month and year.</PageHeader>
        <EmptyState title="No energy site yet">
          The sync has not found a Powerwall or solar site on your Tesla account. Connect the account in Settings; a site shows up here
          after the next sync.
        </EmptyState>
      </>
    );
  }
  const wanted = Array.isArray(sp.site) ? sp.site[0] : sp.site;
  const site = sites.find((s) => s.id === wanted) ?? sites[0]!;
  const timeZone = knownZone(site.timeZone);
  const today = todayIn(timeZone);
  const q = parseEnergyQuery(sp, today);
  if (wanted !== undefined && site.id !== wanted)
    q.messages.push('Ignored the site in the address: no such energy site. Showing the first one.');
  const period = energyPeriod(q.view, q.date, today);
  const siteParam = sites.length > 1 ? site.id : undefined;
  return (
    <>
      <PageHeader title="Energy">
        Solar, home, Powerwall and grid of{' '}
        <span data-testid="site-name" data-site-id={site.id} data-time-zone={timeZone}>
          {site.siteName ?? 'your site'}
        </span>
        , by day, week, month and year ({timeZone}).
      </PageHeader>
      {timeZone !== prefs.timeZone ? (
        <p
          data-testid="energy-zone-note"
          className="rounded-md border border-gray-200 bg-gray-50 p-3 text-sm text-gray-700 dark:border-gray-800 dark:bg-gray-900 dark:text-gray-300"
        >
          Energy days are the site&apos;s days, midnight to midnight in {timeZone} (where the Powerwall keeps its history), not in your time
          zone ({prefs.timeZone}); times on this page are in {timeZone} too.
        </p>
      ) : null}
      {sites.length > 1 ? (
        <nav aria-label="Energy sites" className="flex flex-wrap gap-2 text-sm">
          {sites.map((s) => (
            <Link
              key={s.id}
              href={`/energy?view=${q.view}&date=${q.date}&site=${s.id}`}
              aria-current={s.id === site.id ? 'page' : undefined}
              className="rounded-md px-2 py-1 font-medium text-blue-700 aria-[current]:bg-blue-50 dark:text-blue-300 dark:aria-[current]:bg-blue-950"
            >
              {s.siteName ?? s.teslaSiteId}
            </Link>
          ))}
        </nav>
      ) : null}
      <PeriodNav period={period} site={siteParam} today={today} />
      {q.messages.length > 0 ? (
        <div
          role="alert"
          data-testid="energy-messages"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {q.messages.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      ) : null}
      <Suspense key={`t-${period.view}-${period.from}`} fallback={<HistoryPanelSkeleton title="Totals" lines={4} />}>
        <TotalsPanel db={db} siteId={site.id} period={period} today={today} timeZone={timeZone} />
      </Suspense>
      <Suspense key={`c-${period.view}-${period.from}`} fallback={<HistoryPanelSkeleton title="Charts" chart />}>
        {period.view === 'day' ? (
          <DayChartsPanel db={db} siteId={site.id} period={period} timeZone={timeZone} />
        ) : (
          <PeriodChartsPanel db={db} siteId={site.id} period={period} />
        )}
      </Suspense>
    </>
  );
}
