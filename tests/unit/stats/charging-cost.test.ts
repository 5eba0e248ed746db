import { describe, expect, it } from 'vitest';
import { chargingCost, periodCovers, priceAt, type TariffInput } from '@/lib/stats';
import { at } from './helpers';

const tz = 'Europe/Amsterdam';
const tou: TariffInput = {
  kind: 'time_of_use',
  currency: 'EUR',
  pricePerKwh: 0.3,
  periods: [{ days: [0, 1, 2, 3, 4, 5, 6], from: '23:00', to: '07:00', pricePerKwh: 0.1 }],
  sessionFee: 0.5,
  feedInPricePerKwh: 0.08,
};

describe('time-of-use windows', () => {
  it('covers a window that crosses midnight on the day after it starts, per weekday', () => {
    const friNight = { days: [5], from: '22:00', to: '06:00', pricePerKwh: 0.05 };
    expect(periodCovers(friNight, 5, 23 * 60)).toBe(true);
    expect(periodCovers(friNight, 6, 2 * 60)).toBe(true);
    expect(periodCovers(friNight, 1, 2 * 60)).toBe(false);
    expect(periodCovers(friNight, 6, 6 * 60)).toBe(false);
    expect(periodCovers({ days: [3], from: '00:00', to: '24:00', pricePerKwh: 1 }, 3, 1439)).toBe(true);
  });

  it('reads the local clock of the tariff zone, DST included', () => {
    // 2026-03-27 is a Friday; 21:30Z = 22:30 CET. 2026-07-03 is a Friday; 21:30Z = 23:30 CEST.
    expect(priceAt(at('2026-03-27T21:30:00Z'), tou.periods, 0.3, tz)).toBe(0.3);
    expect(priceAt(at('2026-07-03T21:30:00Z'), tou.periods, 0.3, tz)).toBe(0.1);
  });
});

describe('chargingCost', () => {
  it('prorates energy over TOU windows across midnight and adds the session fee', () => {
    // 22:00-00:00 local (CET): 5 kWh at 0.30 before 23:00, 5 kWh at 0.10 after.
    const profile = [{ from: at('2026-03-10T21:00:00Z'), to: at('2026-03-10T23:00:00Z'), kwh: 10 }];
    const cost = chargingCost({ profile, tariff: tou, timeZone: tz });
    expect(cost.basis).toBe('tariff');
    expect(cost.currency).toBe('EUR');
    expect(cost.lines.map((l) => [l.pricePerKwh, Number(l.kwh.toFixed(9))])).toEqual([
      [0.1, 5],
      [0.3, 5],
    ]);
    expect(cost.costWithoutSolar).toBe(2.5);
  });

  it('values solar kWh at the feed-in price (stored cost) and at zero (shown beside it)', () => {
    const flat: TariffInput = { ...tou, kind: 'flat', sessionFee: 0 };
    const profile = [{ from: at('2026-06-01T10:00:00Z'), to: at('2026-06-01T12:00:00Z'), kwh: 10 }];
    const solarProfile = [{ from: at('2026-06-01T10:00:00Z'), to: at('2026-06-01T11:00:00Z'), kwh: 4 }];
    const cost = chargingCost({ profile, tariff: flat, timeZone: tz, solarProfile });
    expect(cost.costWithoutSolar).toBe(3);
    expect(cost.costWithSolarCredit).toBe(2.12);
    expect(cost.costSolarFree).toBe(1.8);
    expect(cost.solarKwh).toBe(4);
  });

  it('credits solar at the TOU price of the minute it flowed', () => {
    const profile = [{ from: at('2026-03-10T21:00:00Z'), to: at('2026-03-10T23:00:00Z'), kwh: 10 }];
    const solarProfile = [{ from: at('2026-03-10T22:00:00Z'), to: at('2026-03-10T23:00:00Z'), kwh: 1 }];
    const cost = chargingCost({ profile, tariff: { ...tou, feedInPricePerKwh: null }, timeZone: tz, solarProfile });
    expect(cost.costSolarFree).toBe(2.4);
    expect(cost.costWithSolarCredit).toBe(2.4);
  });

  it('rounds to cents once, at the end', () => {
    const flat: TariffInput = { ...tou, kind: 'flat', pricePerKwh: 0.1234, sessionFee: 0 };
    const profile = [1, 1, 1].map((kwh, i) => ({ from: at(`2026-03-10T0${i}:00:00Z`), to: at(`2026-03-10T0${i}:30:00Z`), kwh }));
    expect(chargingCost({ profile, tariff: flat, timeZone: tz }).costWithoutSolar).toBe(0.37);
  });

  it('uses a real Supercharger fee over everything, then the free-Supercharging flag', () => {
    const profile = [{ from: at('2026-03-10T12:00:00Z'), to: at('2026-03-10T12:30:00Z'), kwh: 40 }];
    const real = chargingCost({
      profile,
      tariff: tou,
      timeZone: tz,
      chargerKind: 'supercharger',
      freeSupercharging: true,
      actualFee: { amount: 17.456, currency: 'EUR' },
    });
    expect([real.basis, real.costWithoutSolar, real.currency]).toEqual(['actual_fee', 17.46, 'EUR']);
    const free = chargingCost({ profile, tariff: null, timeZone: tz, chargerKind: 'supercharger', freeSupercharging: true });
    expect([free.basis, free.costWithSolarCredit]).toEqual(['free_supercharging', 0]);
    const unknown = chargingCost({ profile, tariff: null, timeZone: tz, chargerKind: 'supercharger' });
    expect([unknown.basis, unknown.costWithoutSolar]).toEqual(['none', null]);
  });
});
