import { getDb } from '@/db';
import { getLatestEnergyState, listEnergySites } from '@/db/queries/energy';
import { formatDateTime, formatPercent, formatPower } from '@/lib/format';
import { energyFlows, gridConnected } from './energy-flow';
import { EnergyFlowDiagram } from './energy-flow-diagram';
import { Panel, PanelEmpty } from './panel';
import { loadPreferences } from './preferences';

/**
 * Each energy site's live energy flow from its newest live_status snapshot (one LIMIT 1 lookup per
 * site; an account can hold several sites, each gets its panel).
 */
export async function PowerwallPanel() {
  const db = await getDb();
  const [sites, prefs] = await Promise.all([listEnergySites(db), loadPreferences()]);
  const states = await Promise.all(sites.map((s) => getLatestEnergyState(db, s.id)));
  // The site with a Wall Connector (the home, where the cars charge) first.
  const shown = sites
    .map((site, i) => ({ site, state: states[i] }))
    .filter((x) => x.state !== undefined)
    .sort((a, b) => (b.site.wallConnectorCount ?? 0) - (a.site.wallConnectorCount ?? 0));
  if (shown.length === 0) {
    return (
      <Panel title="Powerwall" id="powerwall">
        <PanelEmpty>
          No energy site data yet. Once a Powerwall or solar site is on your Tesla account, the sync shows its live flow here.
        </PanelEmpty>
      </Panel>
    );
  }
  return (
    <>
      {shown.map(({ site, state }, i) => (
        <SitePowerwall
          key={site.id}
          site={site}
          state={state!}
          timeZone={prefs.timeZone}
          id={i === 0 ? 'powerwall' : `powerwall-${i + 1}`}
          href={sites.length > 1 ? `/energy?site=${site.id}` : '/energy'}
          suffix={i === 0 ? '' : `-${i + 1}`}
        />
      ))}
    </>
  );
}

function SitePowerwall(props: {
  site: Awaited<ReturnType<typeof listEnergySites>>[number];
  state: NonNullable<Awaited<ReturnType<typeof getLatestEnergyState>>>;
  timeZone: string;
  id: string;
  href: string;
  /** '' for the first site's panel, '-2', '-3' … for the others (test ids stay unique). */
  suffix: string;
}) {
  const { site, state } = props;
  const flows = energyFlows(state, formatPower);
  const byNode = Object.fromEntries(flows.map((f) => [f.node, f]));
  const watts = (n: string) => (byNode[n]?.direction === 'idle' ? 'idle' : formatPower(byNode[n]?.watts));
  const connected = gridConnected(state.gridStatus);
  return (
    <Panel
      title={site.siteName ? `Powerwall · ${site.siteName}` : 'Powerwall'}
      id={props.id}
      action={{ href: props.href, label: 'Energy' }}
    >
      <div className="flex flex-col items-center gap-4 sm:flex-row sm:items-start">
        <EnergyFlowDiagram
          flows={flows}
          labels={{
            solar: watts('solar'),
            grid: watts('grid'),
            home: watts('home'),
            car: watts('car'),
            powerwall: `${formatPercent(state.batteryPercentage)} · ${watts('powerwall')}`,
          }}
        />
        <div className="w-full space-y-3 text-sm">
          <ul aria-label="Energy flow now" className="space-y-1" data-testid={`energy-flows${props.suffix}`}>
            {flows.map((f) => (
              <li key={f.node} data-flow={f.node} data-direction={f.direction} className="text-gray-800 dark:text-gray-200">
                {f.words}
              </li>
            ))}
          </ul>
          <dl className="grid grid-cols-2 gap-2">
            <div>
              <dt className="text-xs text-gray-600 dark:text-gray-400">Powerwall charge</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid={`powerwall-percent${props.suffix}`}>
                {formatPercent(state.batteryPercentage)}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-gray-600 dark:text-gray-400">Grid</dt>
              <dd className="text-lg font-semibold" data-testid={`grid-status${props.suffix}`}>
                {connected === null ? 'unknown' : connected ? 'Connected' : 'Off grid'}
              </dd>
            </div>
          </dl>
          <p className="text-xs text-gray-600 dark:text-gray-400">
            As of <time dateTime={state.timestamp.toISOString()}>{formatDateTime(state.timestamp, props.timeZone)}</time>
          </p>
        </div>
      </div>
    </Panel>
  );
}
