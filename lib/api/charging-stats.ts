import 'server-only';
import type { Db } from '@/db/client';
import { chargingCostByPeriod, chargingStatsByPeriod, type ChargingPeriodStats, type StatsParams } from '@/db/queries/charging';

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const r3 = (n: number) => Math.round(n * 1000) / 1000;

type Cost = { currency: string; amount: number; amountWithoutSolar: number; solarSavings: number };

/**
 * Charging statistics per local period: kWh (added to the battery, used from the wall), the
 * AC/DC/Supercharger split of energy added, the home split (solar/battery/grid) and the solar share
 * (direct solar plus the solar part of Powerwall energy, as % of the energy of sessions that have a
 * split), and cost per currency. Totals over the whole range come with them.
 */
export async function chargingStats(db: Db, p: StatsParams) {
  const [periods, costs] = await Promise.all([chargingStatsByPeriod(db, p), chargingCostByPeriod(db, p)]);
  const costsOf = (period?: string): Cost[] => {
    const byCurrency = new Map<string, Cost>();
    for (const c of costs.filter((x) => period === undefined || x.period === period)) {
      const acc = byCurrency.get(c.currency) ?? { currency: c.currency, amount: 0, amountWithoutSolar: 0, solarSavings: 0 };
      acc.amount += c.cost;
      acc.amountWithoutSolar += c.costWithoutSolar;
      byCurrency.set(c.currency, acc);
    }
    return [...byCurrency.values()].map((c) => ({
      ...c,
      amount: Math.round(c.amount * 100) / 100,
      amountWithoutSolar: Math.round(c.amountWithoutSolar * 100) / 100,
      solarSavings: Math.round((c.amountWithoutSolar - c.amount) * 100) / 100,
    }));
  };
  const shape = (s: Omit<ChargingPeriodStats, 'period'>) => ({
    sessions: s.sessions,
    energyAddedKwh: r3(s.energyAddedKwh),
    energyUsedKwh: r3(s.energyUsedKwh),
    byChargerType: { acKwh: r3(s.acKwh), dcKwh: r3(s.dcKwh), superchargerKwh: r3(s.superchargerKwh), unknownKwh: r3(s.unknownChargerKwh) },
    split: {
      totalKwh: r3(s.splitKwh),
      solarKwh: r3(s.solarKwh),
      batteryKwh: r3(s.batteryKwh),
      gridKwh: r3(s.gridKwh),
      solarShareKwh: r3(s.solarShareKwh),
    },
    solarPercentage: pct(s.solarShareKwh, s.splitKwh),
  });
  const totals = periods.reduce<Omit<ChargingPeriodStats, 'period'>>(
    (acc, s) => {
      for (const k of Object.keys(acc) as (keyof typeof acc)[]) acc[k] += s[k];
      return acc;
    },
    {
      sessions: 0,
      energyAddedKwh: 0,
      energyUsedKwh: 0,
      acKwh: 0,
      dcKwh: 0,
      superchargerKwh: 0,
      unknownChargerKwh: 0,
      splitKwh: 0,
      solarKwh: 0,
      batteryKwh: 0,
      gridKwh: 0,
      solarShareKwh: 0,
    },
  );
  return {
    totals: { ...shape(totals), costs: costsOf() },
    periods: periods.map((s) => ({ period: s.period, ...shape(s), costs: costsOf(s.period) })),
  };
}
