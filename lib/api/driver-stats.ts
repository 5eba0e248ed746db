import 'server-only';
import type { Db } from '@/db/client';
import { chargeCostPerKwh, driverEnergyByVehicle } from '@/db/queries/drivers';
import { readPreferences } from '@/lib/settings/preferences';
import { driverStats, type DriverStats } from '@/lib/stats';

/**
 * Distance, energy, efficiency and cost of every driver's drives in [from, to) (or of one driver).
 * Cost is per currency the charges were priced in (never converted): drive energy × the car's charging
 * cost per kWh added (see lib/stats/driver-stats.ts); `cost` is the part in the owner's currency.
 */
export async function loadDriverStats(
  db: Db,
  p: { driverId?: string; from?: Date; to?: Date } = {},
): Promise<{ currency: string; byDriver: Map<string, DriverStats> }> {
  const { currency } = await readPreferences(db);
  const [rows, perKwh] = await Promise.all([driverEnergyByVehicle(db, p), chargeCostPerKwh(db, { from: p.from, to: p.to })]);
  return { currency, byDriver: driverStats(rows, perKwh, currency) };
}
