import 'server-only';
import type { Db } from '@/db/client';
import { locations, tariffs, type TouPeriod } from '@/db/schema';
import type { Scenario } from '@/lib/simulator';

const WEEK = [0, 1, 2, 3, 4, 5, 6];

/**
 * The demo owner's settings, as an owner would enter them: named places around the scenario's
 * home (radius 150 m) and a home tariff (time of use: off-peak nights, a feed-in price), so demo
 * sessions get place names, costs and a solar credit. Only when no location exists yet.
 */
export async function seedDemoPlaces(db: Db, scenario: Scenario): Promise<void> {
  const existing = await db.select({ id: locations.id }).from(locations).limit(1);
  if (existing.length > 0) return;
  const eu = scenario.account.region === 'eu';
  const currency = eu ? 'EUR' : 'USD';
  const periods: TouPeriod[] = [
    { days: WEEK, from: '00:00', to: '07:00', pricePerKwh: eu ? 0.22 : 0.12 },
    { days: WEEK, from: '17:00', to: '21:00', pricePerKwh: eu ? 0.38 : 0.36 },
  ];
  const [home] = await db
    .insert(tariffs)
    .values({
      name: 'Home electricity',
      kind: 'time_of_use',
      currency,
      pricePerKwh: eu ? 0.3 : 0.2,
      periods,
      feedInPricePerKwh: eu ? 0.07 : 0.05,
    })
    .returning({ id: tariffs.id });
  await db.insert(locations).values(
    scenario.places.map((p) => ({
      name: p.name,
      latitude: p.lat,
      longitude: p.lon,
      radiusM: 150,
      isHome: p.kind === 'home',
      tariffId: p.kind === 'home' ? (home?.id ?? null) : null,
    })),
  );
}
