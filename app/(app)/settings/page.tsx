import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getDb } from '@/db';
import { listLocations } from '@/db/queries/locations';
import { listTariffs } from '@/db/queries/tariffs';
import { listApiTokens } from '@/lib/auth/api-tokens';
import { requireOwner } from '@/lib/auth/require-owner';
import { formatDateTime, formatDuration, formatMoney, formatNumber } from '@/lib/format';
import { readPreferences } from '@/lib/settings/preferences';
import { ATTRIBUTION_RULES, describeRule, priceAt } from '@/lib/stats';
import { describeUnreadable, listRuns } from '@/lib/sync/runs';
import { PageHeader } from '../_components/page-header';
import { EditableItem } from './_components/editable-item';
import { card, muted, SectionSkeleton } from './_components/form-ui';
import { LocationForm } from './_components/location-form';
import { PreferencesForm } from './_components/preferences-form';
import { SyncPanel } from './_components/sync-panel';
import { TariffForm } from './_components/tariff-form';
import { TeslaConnection } from './_components/tesla-connection';
import { SignInPanel } from './_components/sign-in-panel';
import { TokensPanel } from './_components/tokens-panel';
import { clock } from '@/lib/clock';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Settings' };

/** The size of the example charge priced on each tariff card. */
const EXAMPLE_KWH = 50;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export default async function SettingsPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOwner();
  const { password } = await props.searchParams;
  return (
    <>
      <PageHeader title="Settings">Tesla connection, places and tariffs, units, API budget, sign-in, tokens and sync.</PageHeader>
      <Suspense fallback={<SectionSkeleton label="Tesla connection" rows={2} />}>
        <TeslaConnection />
      </Suspense>
      <Suspense fallback={<SectionSkeleton label="preferences" rows={5} />}>
        <PreferencesSection />
      </Suspense>
      <Suspense fallback={<SectionSkeleton label="places and tariffs" rows={5} />}>
        <PlacesSection />
      </Suspense>
      <Section
        id="signin-title"
        title="Sign-in"
        intro="The owner password, and the login sessions made with it (30 days each). A new password signs out every other session."
      >
        <SignInPanel outcome={typeof password === 'string' ? password : undefined} />
      </Section>
      <Suspense fallback={<SectionSkeleton label="API tokens" rows={3} />}>
        <TokensSection />
      </Suspense>
      <Suspense fallback={<SectionSkeleton label="sync" rows={5} />}>
        <SyncSection />
      </Suspense>
    </>
  );
}

function Section(props: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={props.id} className={`${card} space-y-3`}>
      <div>
        <h2 id={props.id} className="text-lg font-semibold text-gray-900 dark:text-gray-50">
          {props.title}
        </h2>
        {props.intro ? <p className={muted}>{props.intro}</p> : null}
      </div>
      {props.children}
    </section>
  );
}

async function PreferencesSection() {
  const prefs = await readPreferences(await getDb());
  const ruleTexts = Object.fromEntries(ATTRIBUTION_RULES.map((r) => [r, describeRule(r, null)])) as Record<
    (typeof ATTRIBUTION_RULES)[number],
    string
  >;
  return (
    <Section
      id="prefs-title"
      title="Units and preferences"
      intro="Data is stored metric; these change only what the pages show, and which rules and budget apply."
    >
      <PreferencesForm value={prefs} ruleTexts={ruleTexts} />
    </Section>
  );
}

async function PlacesSection() {
  const db = await getDb();
  const [locations, tariffs, prefs] = await Promise.all([listLocations(db), listTariffs(db), readPreferences(db)]);
  const now = clock.now();
  const tariffName = new Map(tariffs.map((t) => [t.id, t.name]));
  const tariffOptions = tariffs.map((t) => ({ id: t.id, name: t.name }));
  return (
    <Section
      id="places-title"
      title="Places and tariffs"
      intro="Charges at a place are priced with its tariff; drives and charges are named after the place they start or happen at."
    >
      <h3 className="text-base font-semibold text-gray-900 dark:text-gray-50">Tariffs</h3>
      {tariffs.length === 0 ? (
        <p className={muted}>No tariffs yet: add one below, then give it to a place, and charges there get a cost.</p>
      ) : (
        <ul className="divide-y divide-gray-200 dark:divide-gray-800">
          {tariffs.map((t) => {
            const price = priceAt(now, t.periods, t.pricePerKwh, prefs.timeZone);
            const periods = t.periods.map(
              (p) => `${p.days.map((d) => DAYS[d]).join(', ')} ${p.from}–${p.to}: ${formatMoney(p.pricePerKwh, t.currency, 3)}/kWh`,
            );
            return (
              <EditableItem
                key={t.id}
                kind="tariff"
                testId="tariff"
                title={t.name}
                lines={[
                  `${t.kind === 'flat' ? 'Flat' : 'Time of use'}: ${formatMoney(t.pricePerKwh, t.currency, 3)}/kWh${t.kind === 'time_of_use' ? ' outside the periods' : ''}; session fee ${formatMoney(t.sessionFee, t.currency)}${t.feedInPricePerKwh != null ? `; feed-in ${formatMoney(t.feedInPricePerKwh, t.currency, 3)}/kWh` : ''}`,
                  ...periods,
                  `A ${formatNumber(EXAMPLE_KWH)} kWh charge now costs ${formatMoney(price * EXAMPLE_KWH + t.sessionFee, t.currency)} (${formatMoney(price, t.currency, 3)}/kWh).`,
                ]}
                tariff={{
                  id: t.id,
                  name: t.name,
                  kind: t.kind,
                  currency: t.currency,
                  pricePerKwh: t.pricePerKwh,
                  sessionFee: t.sessionFee,
                  feedInPricePerKwh: t.feedInPricePerKwh,
                  periods: t.periods,
                }}
                defaultCurrency={prefs.currency}
              />
            );
          })}
        </ul>
      )}
      <details className="rounded-lg border border-gray-200 p-3 dark:border-gray-800">
        <summary className="cursor-pointer text-sm font-medium text-gray-900 dark:text-gray-50">Add a tariff</summary>
        <div className="mt-3">
          <TariffForm defaultCurrency={prefs.currency} />
        </div>
      </details>
      <h3 className="pt-2 text-base font-semibold text-gray-900 dark:text-gray-50">Places</h3>
      {locations.length === 0 ? (
        <p className={muted}>
          No places yet: add your home (with its tariff) so home charges are priced and split into solar, Powerwall and grid.
        </p>
      ) : (
        <ul className="divide-y divide-gray-200 dark:divide-gray-800">
          {locations.map((l) => (
            <EditableItem
              key={l.id}
              kind="location"
              testId="place"
              title={`${l.name}${l.isHome ? ' (home)' : ''}`}
              lines={[
                `${formatNumber(l.latitude, 5)}, ${formatNumber(l.longitude, 5)} · within ${formatNumber(l.radiusM)} m · tariff: ${l.tariffId ? (tariffName.get(l.tariffId) ?? 'none') : 'none'}`,
              ]}
              location={{
                id: l.id,
                name: l.name,
                latitude: l.latitude,
                longitude: l.longitude,
                radiusM: l.radiusM,
                tariffId: l.tariffId,
                isHome: l.isHome,
              }}
              tariffs={tariffOptions}
            />
          ))}
        </ul>
      )}
      <details className="rounded-lg border border-gray-200 p-3 dark:border-gray-800">
        <summary className="cursor-pointer text-sm font-medium text-gray-900 dark:text-gray-50">Add a place</summary>
        <div className="mt-3">
          <LocationForm tariffs={tariffOptions} />
        </div>
      </details>
    </Section>
  );
}

async function TokensSection() {
  const db = await getDb();
  const [tokens, prefs] = await Promise.all([listApiTokens(db), readPreferences(db)]);
  return (
    <Section
      id="tokens-title"
      title="API tokens"
      intro="For scripts and other apps using the JSON API. A token is shown once, when it is created. Scopes: read (every GET and the CSV exports), sync (sync now, wake a car), admin (settings, tokens, the Tesla connection)."
    >
      <TokensPanel
        tokens={tokens.map((t) => ({
          id: t.id,
          name: t.name,
          prefix: t.prefix,
          scopes: t.scopes,
          createdAt: formatDateTime(t.createdAt, prefs.timeZone),
          lastUsed: t.lastUsedAt ? formatDateTime(t.lastUsedAt, prefs.timeZone) : 'never',
        }))}
      />
    </Section>
  );
}

const COUNT_LABELS: Record<string, string> = {
  drives_upserted: 'drives',
  charges_upserted: 'charges',
  states: 'states',
  drivers_assigned: 'drivers assigned',
};

async function SyncSection() {
  const db = await getDb();
  const [runs, prefs] = await Promise.all([listRuns(db, 10), readPreferences(db)]);
  const last = runs.find((r) => r.status === 'succeeded')?.finishedAt ?? null;
  return (
    <Section
      id="sync-title"
      title="Sync"
      intro="The sync reads the cars and the energy site through the Tesla Fleet API and derives drives and charges. It runs on a schedule; “Sync now” asks for fresh data."
    >
      <SyncPanel
        lastSucceeded={last ? formatDateTime(last, prefs.timeZone) : null}
        runs={runs.map((r) => ({
          id: r.id,
          trigger: r.trigger,
          status: r.status,
          startedAt: formatDateTime(r.startedAt, prefs.timeZone),
          finishedAt: r.finishedAt ? formatDateTime(r.finishedAt, prefs.timeZone) : null,
          duration: r.finishedAt
            ? formatDuration(Math.max(60_000, r.finishedAt.getTime() - r.startedAt.getTime())).replace(/^1 min$/, '≤ 1 min')
            : 'running',
          requests: r.requests,
          summary: Object.entries((r.counts ?? {}) as Record<string, unknown>)
            .filter(([k, v]) => COUNT_LABELS[k] && typeof v === 'number' && v > 0)
            .map(([k, v]) => `${v} ${COUNT_LABELS[k]}`)
            .join(', '),
          error: r.error,
          unreadable: describeUnreadable(r.teslaUnreadable),
        }))}
      />
    </Section>
  );
}
