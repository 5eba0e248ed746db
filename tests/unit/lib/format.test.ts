import { describe, expect, it } from 'vitest';
import { countOf, isCurrencyCode } from '@/lib/format';

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
