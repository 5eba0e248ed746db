import { describe, expect, it } from 'vitest';
import { CHARGING_EFFICIENCY, pricingEnergy } from '@/lib/stats';

const none = { meteredKwh: null, meteredBy: null, measuredKwh: null, addedKwh: null, chargerKind: null } as const;

describe('pricingEnergy: one basis, energy from the wall', () => {
  it("takes a Tesla meter's record first, then the car's own measure", () => {
    expect(pricingEnergy({ ...none, meteredKwh: 12.4, meteredBy: 'wall_connector', measuredKwh: 12.1, addedKwh: 11.2 })).toEqual({
      kwh: 12.4,
      basis: 'wall_connector',
      efficiency: null,
    });
    expect(pricingEnergy({ ...none, meteredKwh: 40.5, meteredBy: 'supercharger', addedKwh: 38, chargerKind: 'supercharger' })).toEqual({
      kwh: 40.5,
      basis: 'supercharger',
      efficiency: null,
    });
    expect(pricingEnergy({ ...none, measuredKwh: 12.1, addedKwh: 11.2, chargerKind: 'ac' })).toEqual({
      kwh: 12.1,
      basis: 'car_measured',
      efficiency: null,
    });
  });

  it('estimates the rest from energy added and the charger kind, and says so', () => {
    const ac = pricingEnergy({ ...none, addedKwh: 9, chargerKind: 'ac' })!;
    expect(ac.basis).toBe('estimated');
    expect(ac.efficiency).toBe(CHARGING_EFFICIENCY.ac);
    expect(ac.kwh).toBeCloseTo(9 / CHARGING_EFFICIENCY.ac, 9);
    const dc = pricingEnergy({ ...none, addedKwh: 9.5, chargerKind: 'dc' })!;
    expect(dc.kwh).toBeCloseTo(9.5 / CHARGING_EFFICIENCY.dc, 9);
    // An unknown charger is taken as AC, the common home case.
    expect(pricingEnergy({ ...none, addedKwh: 9 })!.kwh).toBeCloseTo(ac.kwh, 9);
    // Energy is lost on the way in: the estimate is always above what the battery got.
    expect(ac.kwh).toBeGreaterThan(9);
  });

  it('ignores a meter without a name, zero or unreadable figures, and prices nothing without any energy', () => {
    expect(pricingEnergy({ ...none, meteredKwh: 5, addedKwh: 4.5, chargerKind: 'ac' })!.basis).toBe('estimated');
    expect(pricingEnergy({ ...none, meteredKwh: 0, meteredBy: 'wall_connector', measuredKwh: 4.9 })!.basis).toBe('car_measured');
    expect(pricingEnergy({ ...none, measuredKwh: Number.NaN, addedKwh: 4.5 })!.basis).toBe('estimated');
    expect(pricingEnergy(none)).toBeNull();
    expect(pricingEnergy({ ...none, addedKwh: 0 })).toBeNull();
  });
});
