import { getDb } from '@/db';
import { getDayEnergy } from '@/db/queries/dashboard';
import { listEnergySites } from '@/db/queries/energy';
import { formatDate, formatKwh, formatPercent } from '@/lib/format';
import { knownZone, today } from '@/lib/time';
import { provisionalSource } from '../energy/provisional-note';
import { Panel, PanelEmpty, Stat } from './panel';
import { loadPreferences } from './preferences';

/**
 * Today's solar, home use, self-powered share and grid exchange so far, one panel per energy site. "Today" is the site's local
 * day (its energy history is kept by the site's calendar) and its times are the site's clock, as on the energy page its
 * History link opens (the same day, the same figures and times); both said when the owner's zone differs. Until
 * the day is over its figures are provisional: Tesla's history buckets, then live readings.
 */
export async function TodayPanel() {
  const db = await getDb();
  const [sites, prefs] = await Promise.all([listEnergySites(db), loadPreferences()]);
  if (sites.length <= 1) return <SiteToday db={db} site={sites[0]} prefs={prefs} id="today" title="Today" suffix="" />;
  return (
    <>
      {[...sites]
        .sort((a, b) => (b.wallConnectorCount ?? 0) - (a.wallConnectorCount ?? 0))
        .map((site, i) => (
          <SiteToday
            key={site.id}
            db={db}
            site={site}
            prefs={prefs}
            id={i === 0 ? 'today' : `today-${i + 1}`}
            title={`Today · ${site.siteName ?? site.teslaSiteId}`}
            siteParam={site.id}
            suffix={i === 0 ? '' : `-${i + 1}`}
          />
        ))}
    </>
  );
}

async function SiteToday(props: {
  db: Awaited<ReturnType<typeof getDb>>;
  site: Awaited<ReturnType<typeof listEnergySites>>[number] | undefined;
  prefs: Awaited<ReturnType<typeof loadPreferences>>;
  id: string;
  title: string;
  siteParam?: string;
  /** '' for the first site's panel, '-2', '-3' … for the others (test ids stay unique). */
  suffix: string;
}) {
  const { db, site, prefs } = props;
  const timeZone = knownZone(site?.timeZone ?? prefs.timeZone);
  const date = today(timeZone);
  const day = site ? await getDayEnergy(db, { siteId: site.id, date }) : null;
  return (
    <Panel
      title={props.title}
      id={props.id}
      action={{ href: `/energy?view=day&date=${date}${props.siteParam ? `&site=${props.siteParam}` : ''}`, label: 'History' }}
    >
      {day ? (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            <Stat label="Solar produced" value={formatKwh(day.solarProducedKwh)} testId={`today-solar${props.suffix}`} />
            <Stat label="Home used" value={formatKwh(day.homeConsumedKwh)} testId={`today-home${props.suffix}`} />
            <Stat label="Self-powered" value={formatPercent(day.selfPoweredPercentage)} testId={`today-self-powered${props.suffix}`} />
            <Stat label="From the grid" value={formatKwh(day.gridImportedKwh)} testId={`today-grid-in${props.suffix}`} />
            <Stat label="To the grid" value={formatKwh(day.gridExportedKwh)} testId={`today-grid-out${props.suffix}`} />
          </dl>
          <p
            className="mt-2 text-xs text-gray-600 dark:text-gray-400"
            data-testid={`today-note${props.suffix}`}
            data-complete={day.complete ? 'true' : 'false'}
          >
            <time dateTime={date}>{formatDate(`${date}T12:00:00Z`, 'UTC')}</time>
            {day.complete ? '' : ' so far'}
            {timeZone !== prefs.timeZone ? ` (the site's day and times, ${timeZone})` : ''}
            {day.complete ? '.' : `. Provisional: ${provisionalSource(day, timeZone)}.`}
          </p>
        </>
      ) : (
        <PanelEmpty>
          {site
            ? 'Nothing recorded today yet: the sync reads the site’s live power every few minutes.'
            : 'No energy site on the Tesla account yet.'}
        </PanelEmpty>
      )}
    </Panel>
  );
}
