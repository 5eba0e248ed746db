import { describe, expect, it } from 'vitest';
import { countOf, formatMoneyTotals, isCurrencyCode, otherCurrencies } from '@/lib/format';

describe('countOf', () => {
  it('puts the noun in the number the count needs', () => {
    expect(countOf(1, 'state')).toBe('1 state');
    expect(countOf(0, 'state')).toBe('0 states');
    expect(countOf(2, 'drive')).toBe('2 drives');
    expect(countOf(1204, 'charge')).toBe('1,204 charges');
    expect(countOf(3, 'sync run')).toBe('3 sync runs');
    expect(countOf(2, 'battery', 'batteries')).toBe('2 batteries');
  });
});

describe('isCurrencyCode', () => {
  it('knows ISO 4217 codes, not any three capitals', () => {
    expect(['EUR', 'USD', 'GBP', 'NOK', 'CHF'].every(isCurrencyCode)).toBe(true);
    expect(['ZZZ', 'eur', 'EURO', '', 'E1R'].some(isCurrencyCode)).toBe(false);
  });
});

describe('formatMoneyTotals', () => {
  const mixed = [
    { currency: 'USD', amount: 4 },
    { currency: 'NOK', amount: 100 },
    { currency: 'EUR', amount: 12.3 },
  ];
  it('shows every currency as priced, the display currency first, never converted (issue 21)', () => {
    expect(formatMoneyTotals([{ currency: 'EUR', amount: 12.3 }], 'USD')).toBe('€12.30');
    expect(formatMoneyTotals(mixed, 'USD')).toBe('US$4.00 + €12.30 + NOK\u00a0100.00');
    expect(formatMoneyTotals(mixed, 'EUR')).toBe('€12.30 + NOK\u00a0100.00 + US$4.00');
    expect(formatMoneyTotals([], 'EUR')).toBe('–');
  });
  it('names the currencies that are not the display one', () => {
    expect(otherCurrencies(mixed, 'USD')).toEqual(['EUR', 'NOK']);
    expect(otherCurrencies([{ currency: 'EUR', amount: 1 }], 'EUR')).toEqual([]);
  });
});
