import type { EnergySiteRow, EnergyStateRow, EnergyTotals } from '@/db/queries/energy';
import { iso } from './dates';

/** JSON shapes for energy sites. Power in W with Tesla's signs: battery > 0 discharging, grid > 0 importing. */
export function siteJson(s: EnergySiteRow) {
  return {
    id: s.id,
    teslaSiteId: s.teslaSiteId,
    siteName: s.siteName,
    timeZone: s.timeZone,
    batteryCount: s.batteryCount,
    totalBatteryCapacityKwh: s.totalBatteryCapacityKwh,
    /** Tesla's site_info does not report the solar array's size: null unless it ever does. */
    solarCapacityW: s.solarCapacityW,
    /** The Powerwalls' rated power (site_info `nameplate_power`). */
    batteryPowerW: s.batteryPowerW,
    wallConnectorCount: s.wallConnectorCount,
    backupReservePercent: s.backupReservePercent,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}

export function energyStateJson(s: EnergyStateRow) {
  return {
    timestamp: iso(s.timestamp),
    solarPowerW: s.solarPowerW,
    batteryPowerW: s.batteryPowerW,
    gridPowerW: s.gridPowerW,
    loadPowerW: s.loadPowerW,
    wallConnectorPowerW: s.wallConnectorPowerW,
    batteryPercent: s.batteryPercentage,
    gridStatus: s.gridStatus,
  };
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round(Math.min(100, Math.max(0, (part / whole) * 100)) * 10) / 10 : null);

/**
 * Energy totals (kWh) with the two ratios worked out from the sums, so they add up over any period:
 * self-consumption = (produced − exported) ÷ produced; self-powered = (home − grid import) ÷ home.
 */
export function energyTotalsJson(t: EnergyTotals) {
  return {
    days: t.days,
    completeDays: t.completeDays,
    solarProducedKwh: t.solarProducedKwh,
    solarExportedKwh: t.solarExportedKwh,
    solarSelfConsumedKwh: Math.round(Math.max(0, t.solarProducedKwh - t.solarExportedKwh) * 100) / 100,
    batteryChargedKwh: t.batteryChargedKwh,
    batteryDischargedKwh: t.batteryDischargedKwh,
    gridImportedKwh: t.gridImportedKwh,
    gridExportedKwh: t.gridExportedKwh,
    homeConsumedKwh: t.homeConsumedKwh,
    selfConsumptionPercentage: pct(t.solarProducedKwh - t.solarExportedKwh, t.solarProducedKwh),
    selfPoweredPercentage: pct(t.homeConsumedKwh - t.gridImportedKwh, t.homeConsumedKwh),
  };
}
