import type { LocationRow } from '@/db/queries/locations';
import type { TariffRow } from '@/db/queries/tariffs';
import { toApiPeriods } from './bodies';
import { iso } from './dates';

/** A named place: WGS84 degrees, radius in metres. */
export const locationJson = (l: LocationRow) => ({
  id: l.id,
  name: l.name,
  latitude: l.latitude,
  longitude: l.longitude,
  radiusM: l.radiusM,
  tariffId: l.tariffId,
  isHome: l.isHome,
  createdAt: iso(l.createdAt),
  updatedAt: iso(l.updatedAt),
});

/** A tariff: prices per kWh and fees in `currency` (ISO 4217); periods in local time, days 0 = Sunday. */
export const tariffJson = (t: TariffRow) => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  currency: t.currency,
  pricePerKwh: t.pricePerKwh,
  periods: toApiPeriods(t.periods),
  sessionFee: t.sessionFee,
  feedInPricePerKwh: t.feedInPricePerKwh,
  createdAt: iso(t.createdAt),
  updatedAt: iso(t.updatedAt),
});
