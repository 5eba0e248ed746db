import type { Metadata } from 'next';
import { Link } from '@/app/_components/intent-link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { z } from 'zod';
import { getDb } from '@/db';
import { getChargingSession } from '@/db/queries/charging';
import { splitDetailJson } from '@/lib/api/activity-json';
import { requireOwner } from '@/lib/auth/require-owner';
import { formatDateTime, formatDuration, formatKwh, formatMoney, formatNumber, formatPercent } from '@/lib/format';
import { readPreferences } from '@/lib/settings/preferences';
import { describeRule, resolutionOf } from '@/lib/stats';
import { HistoryPanel, HistoryPanelSkeleton, HistoryStat } from '../../_components/charts/history-panel';
import { PageHeader } from '../../_components/page-header';
import { ChargeCurvePanel } from '../_components/charge-curve-panel';
import { placeOf } from '../_components/sessions-table';
import { CHARGER_LABELS, SOURCE_LABELS } from '../_lib/filters';
import { pricingBasisWords } from '../_lib/pricing-basis';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Charging session' };

const RULE_NAMES = { house_first: 'house load first', car_first: 'car first', proportional: 'proportional' } as const;
const ruleName = (r: string | null) => (r && r in RULE_NAMES ? RULE_NAMES[r as keyof typeof RULE_NAMES] : (r ?? 'unknown'));

const SOURCE_TEXT = {
  polled: 'Seen charging by the sync while it polled the car.',
  wall_connector: "Confirmed by the Wall Connector's own session record.",
  supercharger_history: "From Tesla's Supercharger charging history (billed energy and fee).",
  inferred:
    'Inferred: nobody saw the car charge; the battery level rose while it was not observed, so the session was reconstructed from the states before and after.',
} as const;

export default async function ChargingSessionPage(props: { params: Promise<{ id: string }> }) {
  await requireOwner();
  const id = z.uuid().safeParse((await props.params).id);
  if (!id.success) notFound();
  const db = await getDb();
  const [session, prefs] = await Promise.all([getChargingSession(db, id.data), readPreferences(db)]);
  if (!session) notFound();
  const split = splitDetailJson(session);
  const tz = prefs.timeZone;
  const duration = session.endedAt ? session.endedAt.getTime() - session.startedAt.getTime() : null;
  const currency = session.costCurrency ?? prefs.currency;
  const share = (kwh: number) => (split && split.totalKwh > 0 ? (kwh / split.totalKwh) * 100 : null);
  const ownRule = prefs.solarAttributionRule;
  const basis = pricingBasisWords(session);
  const estimated = session.pricingBasis === 'estimated';
  const gross = session.cost === null ? null : (session.costWithoutSolar ?? session.cost);
  const perKwh = gross !== null && session.pricedKwh ? gross / session.pricedKwh : null;

  return (
    <>
      <Link href="/charging" className="text-sm font-medium text-blue-700 hover:underline dark:text-blue-300">
        ← All charging sessions
      </Link>
      <PageHeader title="Charging session">
        <span data-testid="session-title">
          {session.vehicleName ?? session.vin} · {formatDateTime(session.startedAt, tz)} · {placeOf(session)}
        </span>
      </PageHeader>

      <HistoryPanel id="summary" title="Summary">
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          <HistoryStat label="Energy added" value={formatKwh(session.energyAddedKwh)} raw={session.energyAddedKwh} testId="session-kwh" />
          <HistoryStat
            label="From the wall"
            value={estimated ? `≈ ${formatKwh(session.pricedKwh)}` : formatKwh(session.energyUsedKwh)}
            raw={estimated ? session.pricedKwh : session.energyUsedKwh}
            hint={estimated ? 'estimated from energy added' : undefined}
            testId="session-wall-kwh"
          />
          <HistoryStat label="Battery" value={`${formatPercent(session.startBatteryLevel)} → ${formatPercent(session.endBatteryLevel)}`} />
          <HistoryStat
            label="Duration"
            value={session.endedAt ? formatDuration(duration) : 'Still charging'}
            hint={`until ${formatDateTime(session.endedAt, tz)}`}
          />
          <HistoryStat label="Peak power" value={session.peakPowerKw === null ? '–' : `${formatNumber(session.peakPowerKw, 1)} kW`} />
          <HistoryStat label="Charger" value={session.chargerType ? CHARGER_LABELS[session.chargerType] : 'Unknown'} />
          <HistoryStat label="Source" value={SOURCE_LABELS[session.source]} testId="session-source" />
          <HistoryStat label="Inferred" value={session.source === 'inferred' ? 'Yes' : 'No'} testId="session-inferred" />
        </dl>
        <p className="mt-3 text-sm text-gray-600 dark:text-gray-400">{SOURCE_TEXT[session.source]}</p>
      </HistoryPanel>

      <HistoryPanel id="cost" title="Cost">
        {session.cost === null ? (
          <p className="text-sm text-gray-700 dark:text-gray-300">
            No cost: no tariff applies to this place. Add the location and its tariff in Settings to price charges here.
          </p>
        ) : (
          <dl className="grid grid-cols-1 gap-2 sm:grid-cols-4">
            <HistoryStat
              label="Cost (after the solar credit)"
              value={formatMoney(session.cost, currency)}
              raw={session.cost}
              testId="session-cost"
            />
            <HistoryStat
              label="Without the solar credit"
              value={formatMoney(session.costWithoutSolar ?? session.cost, currency)}
              raw={session.costWithoutSolar ?? session.cost}
              testId="session-cost-without-solar"
            />
            <HistoryStat label="Saved by solar" value={formatMoney((session.costWithoutSolar ?? session.cost) - session.cost, currency)} />
            <HistoryStat
              label="Per kWh, before the solar credit"
              value={perKwh === null ? '–' : formatMoney(perKwh, currency, 3)}
              raw={perKwh}
              testId="session-cost-per-kwh"
            />
          </dl>
        )}
        {basis && session.cost !== null ? (
          <p
            className="mt-3 text-sm text-gray-700 dark:text-gray-300"
            data-testid="session-pricing-basis"
            data-basis={session.pricingBasis}
            data-value={session.pricedKwh ?? undefined}
          >
            {basis.long}
          </p>
        ) : null}
        {session.source === 'supercharger_history' && session.cost === 0 ? (
          <p className="mt-3 text-sm text-gray-600 dark:text-gray-400" data-testid="session-free">
            Tesla&apos;s Supercharger history lists no payment for this charge: free Supercharging, or paid with Supercharging credits.
          </p>
        ) : null}
      </HistoryPanel>

      <HistoryPanel id="split" title="Solar, Powerwall and grid">
        {split === null ? (
          <p className="text-sm text-gray-700 dark:text-gray-300">
            No split for this charge: it was away from home, or the home&apos;s energy records for its time have not been read yet. Only
            charges at home are split between solar, Powerwall and grid.
          </p>
        ) : (
          <>
            <dl className="grid grid-cols-1 gap-2 sm:grid-cols-4">
              <HistoryStat
                label="Solar, direct"
                value={formatKwh(split.solarKwh, 2)}
                raw={split.solarKwh}
                hint={formatPercent(share(split.solarKwh), 1)}
                testId="split-solar"
              />
              <HistoryStat
                label="Powerwall"
                value={formatKwh(split.batteryKwh, 2)}
                raw={split.batteryKwh}
                hint={formatPercent(share(split.batteryKwh), 1)}
                testId="split-battery"
              />
              <HistoryStat
                label="Grid"
                value={formatKwh(split.gridKwh, 2)}
                raw={split.gridKwh}
                hint={formatPercent(share(split.gridKwh), 1)}
                testId="split-grid"
              />
              <HistoryStat
                label="Solar share"
                value={formatPercent(split.solarPercentage, 1)}
                raw={split.solarPercentage}
                hint={`${formatKwh(split.solarShareKwh, 2)} incl. Powerwall solar`}
                testId="split-share"
              />
            </dl>
            <div className="mt-3 space-y-1 text-sm text-gray-700 dark:text-gray-300" data-testid="split-rule">
              <p>
                <strong className="font-semibold">Rule: {ruleName(split.attributionRule)}.</strong>{' '}
                {split.statement ?? 'This session was split by an unknown rule.'}
              </p>
              {split.bucketMinutes !== null && resolutionOf(split.bucketMinutes).coarse ? (
                <p data-testid="split-resolution" data-resolution-minutes={split.bucketMinutes}>
                  Tesla sent the home&apos;s energy history for this charge in {resolutionOf(split.bucketMinutes).words} intervals, not
                  5-minute ones, so the split follows the sun only that finely: the car gets each{' '}
                  {split.bucketMinutes >= 1440 ? 'day' : 'interval'}&apos;s mix, and the shares are approximate.
                </p>
              ) : null}
              {split.attributionRule !== ownRule ? (
                <p>
                  Your current rule is {RULE_NAMES[ownRule]}: {describeRule(ownRule, null)} New charges are split that way; this one keeps
                  the rule it was split with.
                </p>
              ) : null}
            </div>
          </>
        )}
      </HistoryPanel>

      <Suspense fallback={<HistoryPanelSkeleton title="Charge curve" chart />}>
        <ChargeCurvePanel db={db} session={session} timeZone={tz} />
      </Suspense>
    </>
  );
}
