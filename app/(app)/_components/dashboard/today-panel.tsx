import { getDb } from '@/db';
import { getDayEnergy } from '@/db/queries/dashboard';
import { listEnergySites } from '@/db/queries/energy';
import { today } from '@/lib/time';
import { formatDate, formatKwh, formatPercent } from '@/lib/format';
import { Panel, PanelEmpty, Stat } from './panel';
import { loadPreferences } from './preferences';

/** Today's solar, home use, self-powered share and grid exchange ("today" in the owner's time zone). */
export async function TodayPanel() {
  const db = await getDb();
  const [sites, prefs] = await Promise.all([listEnergySites(db), loadPreferences()]);
  const date = today(prefs.timeZone);
  const day = sites[0] ? await getDayEnergy(db, { siteId: sites[0].id, date, timeZone: prefs.timeZone }) : null;
  return (
    <Panel title="Today" id="today" action={{ href: '/energy', label: 'History' }}>
      {day ? (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            <Stat label="Solar produced" value={formatKwh(day.solarProducedKwh)} testId="today-solar" />
            <Stat label="Home used" value={formatKwh(day.homeConsumedKwh)} testId="today-home" />
            <Stat label="Self-powered" value={formatPercent(day.selfPoweredPercentage)} testId="today-self-powered" />
            <Stat label="From the grid" value={formatKwh(day.gridImportedKwh)} testId="today-grid-in" />
            <Stat label="To the grid" value={formatKwh(day.gridExportedKwh)} testId="today-grid-out" />
          </dl>
          <p className="mt-2 text-xs text-gray-600 dark:text-gray-400">
            <time dateTime={date}>{formatDate(`${date}T12:00:00Z`, 'UTC')}</time> so far{day.source === 'buckets' ? ' (from 5-minute history)' : ''}.
          </p>
        </>
      ) : (
        <PanelEmpty>Nothing recorded today yet. The sync fetches the site&apos;s energy history every few minutes.</PanelEmpty>
      )}
    </Panel>
  );
}
