import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getDb } from '@/db';
import { listLocations } from '@/db/queries/locations';
import { listTariffs } from '@/db/queries/tariffs';
import { getLastPosition, listVehicles } from '@/db/queries/vehicles';
import { clock } from '@/lib/clock';
import { formatDateTime, formatMoney, formatNumber, formatTime } from '@/lib/format';
import { readPreferences } from '@/lib/settings/preferences';
import { priceAt } from '@/lib/stats';
import { pricingTimeZone } from '@/lib/sync/pricing-zone';
import { localParts } from '@/lib/time';
import { EditableItem } from '../_components/editable-item';
import { muted } from '../_components/form-ui';
import { LocationForm, type CarPosition } from '../_components/location-form';
import { TariffForm } from '../_components/tariff-form';
import { requireOwner } from '@/lib/auth/require-owner';
import { SectionSkeleton } from '../_components/form-ui';
import { Section } from '../_components/section';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Places and tariffs · Settings' };

/** The size of the example charge priced on each tariff card. */
const EXAMPLE_KWH = 50;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Settings → Places and tariffs. */
export default async function Page() {
  await requireOwner();
  return (
    <Suspense fallback={<SectionSkeleton label="places and tariffs" rows={5} />}>
      <PlacesSection />
    </Suspense>
  );
}

async function PlacesSection() {
  const db = await getDb();
  const [locations, tariffs, prefs, vehicles, pricing] = await Promise.all([
    listLocations(db),
    listTariffs(db),
    readPreferences(db),
    listVehicles(db),
    pricingTimeZone(db),
  ]);
  // "Use the car's current position": the newest stored position of each car (never a call to Tesla).
  const cars: CarPosition[] = await Promise.all(
    vehicles.map(async (v) => {
      const p = await getLastPosition(db, v.id);
      return {
        id: v.id,
        name: v.displayName ?? v.vin,
        position: p ? { latitude: p.latitude, longitude: p.longitude, at: formatDateTime(p.at, prefs.timeZone) } : null,
      };
    }),
  );
  const now = clock.now();
  // "Now" as real pricing sees it: tariff windows are read in the site's zone, which the owner's display zone may not be.
  const zone = pricing.timeZone;
  const zoneLine =
    zone === prefs.timeZone
      ? null
      : `Times are read in ${zone}, ${pricing.fromSite ? "the site's time zone" : 'the zone (no energy site gives one)'} charges are priced in: now is ${DAYS[localParts(now, zone).weekday]} ${formatTime(now, zone)} there.`;
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
            const price = priceAt(now, t.periods, t.pricePerKwh, zone);
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
                  ...(t.kind === 'time_of_use' && zoneLine ? [zoneLine] : []),
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
              cars={cars}
            />
          ))}
        </ul>
      )}
      <details className="rounded-lg border border-gray-200 p-3 dark:border-gray-800">
        <summary className="cursor-pointer text-sm font-medium text-gray-900 dark:text-gray-50">Add a place</summary>
        <div className="mt-3">
          <LocationForm tariffs={tariffOptions} cars={cars} />
        </div>
      </details>
    </Section>
  );
}
