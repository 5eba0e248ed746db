import { formatMoney, formatNumber } from '@/lib/format';

/**
 * How a history chart writes its values. Formatters are functions and cannot cross the
 * server → client boundary, so server pages pass one of these names (and a currency) instead.
 */
export type HistoryUnit = 'kWh' | 'kW' | '%' | 'money';

export function historyFormatter(unit: HistoryUnit, currency = 'EUR'): (v: number) => string {
  switch (unit) {
    case 'money':
      return (v) => formatMoney(v, currency);
    case '%':
      return (v) => `${formatNumber(v)} %`;
    case 'kW':
      return (v) => `${formatNumber(v, Math.abs(v) < 10 ? 1 : 0)} kW`;
    default:
      return (v) => `${formatNumber(v, Math.abs(v) < 10 ? 1 : 0)} kWh`;
  }
}
