import { describe, expect, it } from 'vitest';
import type { LocationRow, TariffRow } from '@/db/queries/sync-sessions';
import { CHARGING_EFFICIENCY } from '@/lib/stats';
import { chargeToPrice, priceCharge, type ChargeRecord } from '@/lib/sync/price-charge';

const t0 = new Date('2026-03-10T00:00:00Z');
const edited = new Date('2026-01-01T00:00:00Z');
const tariff = {
  id: 't',
  kind: 'flat',
  currency: 'EUR',
  pricePerKwh: 0.25,
  periods: [],
  sessionFee: 0,
  feedInPricePerKwh: null,
  updatedAt: edited,
} as unknown as TariffRow;
const home = {
  id: 'h',
  name: 'Home',
  latitude: 52,
  longitude: 5,
  radiusM: 150,
  isHome: true,
  tariffId: 't',
  updatedAt: edited,
} as unknown as LocationRow;
const ctx = {
  places: { locations: [home], tariffs: [tariff] },
  rule: 'proportional' as const,
  timeZone: 'Europe/Amsterdam',
  buckets: null,
};

/** A closed home AC session whose samples gave `addedKwh` into the battery; its profile is in added kWh (no measured efficiency). */
const session = (o: Partial<ChargeRecord>): ChargeRecord => ({
  source: 'polled',
  energyUsedKwh: null,
  energyAddedKwh: 9,
  cost: null,
  costCurrency: null,
  chargerType: 'ac',
  latitude: 52,
  longitude: 5,
  profile: [{ from: t0, to: new Date(t0.getTime() + 3_600_000), kwh: 9 }],
  closed: true,
  ...o,
});
const price = (s: ChargeRecord) => priceCharge(chargeToPrice(s, false), ctx);

describe('priceCharge: every session priced on energy from the wall', () => {
  it('a polled session and a Wall Connector session at one flat rate cost the same per wall kWh', () => {
    const polled = price(session({}));
    const wall = price(session({ source: 'wall_connector', energyUsedKwh: 10.1 }));
    expect(polled.pricingBasis).toBe('estimated');
    expect(polled.pricedKwh).toBeCloseTo(9 / CHARGING_EFFICIENCY.ac, 3);
    expect(wall).toMatchObject({ pricingBasis: 'wall_connector', pricedKwh: 10.1 });
    for (const p of [polled, wall]) expect(Math.abs(p.costWithoutSolar! - 0.25 * p.pricedKwh!)).toBeLessThanOrEqual(0.005);
    expect(polled.costWithoutSolar).toBe(2.5); // 10 kWh from the wall, not the 9 kWh added (2.25)
  });

  it("uses the car's own measure when the samples gave one, and the billed kWh of a Supercharger session", () => {
    expect(price(session({ energyUsedKwh: 9.8 }))).toMatchObject({ pricingBasis: 'car_measured', pricedKwh: 9.8, costWithoutSolar: 2.45 });
    const sc = price(
      session({ source: 'supercharger_history', chargerType: 'supercharger', energyUsedKwh: 22.3, cost: 10.03, costCurrency: 'EUR' }),
    );
    expect(sc).toMatchObject({ pricingBasis: 'supercharger', pricedKwh: 22.3, cost: 10.03 });
  });

  it('prices the same whatever unit the stored profile is in: only its shape counts', () => {
    const added = price(session({ energyUsedKwh: 9.8 }));
    const wall = price(session({ energyUsedKwh: 9.8, profile: [{ from: t0, to: new Date(t0.getTime() + 3_600_000), kwh: 9.8 }] }));
    expect(wall).toEqual(added);
  });

  it('records no basis when no energy is known', () => {
    expect(price(session({ energyAddedKwh: null, profile: [] }))).toMatchObject({ pricingBasis: null, pricedKwh: null });
  });
});
