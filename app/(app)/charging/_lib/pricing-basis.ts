import type { ChargingSessionRow } from '@/db/queries/charging';
import { formatKwh, formatPercent } from '@/lib/format';

type Priced = Pick<ChargingSessionRow, 'pricedKwh' | 'pricingBasis' | 'energyAddedKwh' | 'chargerType'>;

/** Where a session's priced energy came from: a wall socket (AC) or a DC charger. */
const fromWhat = (s: Priced) => (s.chargerType === 'dc' || s.chargerType === 'supercharger' ? 'from the charger' : 'from the wall');

/**
 * The energy a session's cost is of, in plain words: `short` for a table cell ("on 8.9 kWh from the
 * wall", "on ≈ 8.9 kWh … (estimated)"), `long` for the session's page, with the estimate worked out
 * ("8.0 kWh added ÷ 90 % charging efficiency"). Null when the session was not priced on a basis.
 */
export function pricingBasisWords(s: Priced): { short: string; long: string } | null {
  if (s.pricedKwh === null || s.pricingBasis === null) return null;
  const kwh = formatKwh(s.pricedKwh);
  const from = fromWhat(s);
  switch (s.pricingBasis) {
    case 'wall_connector':
      return { short: `on ${kwh} ${from}`, long: `Priced on ${kwh} ${from}, as the Wall Connector metered it.` };
    case 'supercharger':
      return { short: `on ${kwh} ${from}`, long: `Priced on ${kwh} ${from}, as Tesla billed it.` };
    case 'car_measured':
      return { short: `on ${kwh} ${from}`, long: `Priced on ${kwh} ${from}, as the car measured it.` };
    case 'estimated': {
      const efficiency = s.energyAddedKwh !== null && s.pricedKwh > 0 ? (s.energyAddedKwh / s.pricedKwh) * 100 : null;
      return {
        short: `on ≈ ${kwh} ${from} (estimated)`,
        long: `Priced on ${kwh} ${from}, estimated: ${formatKwh(s.energyAddedKwh)} added ÷ ${formatPercent(efficiency)} charging efficiency.`,
      };
    }
  }
}
