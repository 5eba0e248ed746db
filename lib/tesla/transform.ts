import {
  fleetIdToString,
  isEnergyProduct,
  wallConnectorSessions,
  type ChargingSession,
  type EnergyHistoryEntry,
  type EnergyProduct,
  type LiveStatus,
  type Product,
  type SiteInfo as RawSiteInfo,
  type VehicleData,
  type VehicleSummary,
} from '@/lib/fleet-api';
import type { z } from 'zod';
import type { WallConnectorHistorySchema } from '@/lib/fleet-api';
import type {
  EnergyHistory,
  EnergyHistoryBucket,
  EnergySite,
  SiteInfo,
  SiteLiveData,
  SuperchargerSession,
  Vehicle,
  VehicleSnapshot,
  WallConnectorSession,
} from './types';

/**
 * The one file that knows Tesla's field names and units (reference §3.6, §4). Pure functions over
 * payloads already validated by lib/fleet-api's schemas.
 * - Distances, ranges and odometer arrive in miles and speeds in mph *whatever gui_settings say*
 *   (the GUI units are display preferences only): always converted to km and km/h.
 * - Temperatures stay °C, tyre pressure bar, charger/drive power kW, charge energy kWh.
 * - Energy sites: W and Wh kept with Tesla's signs (battery_power > 0 discharging, grid_power > 0 importing).
 */
export const KM_PER_MILE = 1.609344;

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
/** Miles → km, rounded to 0.1 m so float noise does not leak into stored values. */
export const milesToKm = (mi: number | null | undefined): number | null => (mi == null ? null : round(mi * KM_PER_MILE, 4));
export const mphToKmh = milesToKm;
const n = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

export function toVehicle(raw: VehicleSummary): Vehicle {
  return {
    id: raw.id_s,
    vin: raw.vin,
    displayName: n(raw.display_name),
    state: raw.state,
    accessType: n(raw.access_type),
    inService: raw.in_service ?? false,
  };
}

export function toVehicleSnapshot(raw: VehicleData): VehicleSnapshot {
  const { charge_state: c, climate_state: cl, drive_state: d, vehicle_state: v, gui_settings: g, vehicle_config: cfg } = raw;
  const stamps = [c, cl, d, v, g, cfg].map((s) => s?.timestamp).filter((t): t is number => typeof t === 'number');
  return {
    vin: raw.vin,
    timestamp: new Date(stamps.length > 0 ? Math.max(...stamps) : 0),
    state: raw.state,
    displayName: n(raw.display_name),
    vehicleName: n(v?.vehicle_name),
    carType: n(cfg?.car_type),
    firmwareVersion: v?.car_version ? (v.car_version.split(' ')[0] ?? null) : null,
    odometerKm: milesToKm(v?.odometer),
    batteryLevel: n(c?.battery_level),
    usableBatteryLevel: n(c?.usable_battery_level),
    batteryRangeKm: milesToKm(c?.battery_range),
    estBatteryRangeKm: milesToKm(c?.est_battery_range),
    idealBatteryRangeKm: milesToKm(c?.ideal_battery_range),
    chargingState: n(c?.charging_state),
    chargeLimitSoc: n(c?.charge_limit_soc),
    chargeEnergyAddedKwh: n(c?.charge_energy_added),
    chargerPowerKw: n(c?.charger_power),
    chargerVoltage: n(c?.charger_voltage),
    chargerActualCurrent: n(c?.charger_actual_current),
    chargerPhases: n(c?.charger_phases),
    chargeRateKmh: mphToKmh(c?.charge_rate),
    timeToFullChargeHours: n(c?.time_to_full_charge),
    fastChargerPresent: n(c?.fast_charger_present),
    fastChargerType: n(c?.fast_charger_type),
    fastChargerBrand: n(c?.fast_charger_brand),
    shiftState: n(d?.shift_state),
    speedKmh: mphToKmh(d?.speed),
    powerKw: n(d?.power),
    heading: n(d?.heading),
    latitude: n(d?.latitude),
    longitude: n(d?.longitude),
    insideTempC: n(cl?.inside_temp),
    outsideTempC: n(cl?.outside_temp),
    destinationName: n(d?.active_route_destination),
    destinationDistanceKm: milesToKm(d?.active_route_miles_to_arrival),
    destinationMinutes: n(d?.active_route_minutes_to_arrival),
    locked: n(v?.locked),
    sentryMode: n(v?.sentry_mode),
    tpmsBar: { fl: n(v?.tpms_pressure_fl), fr: n(v?.tpms_pressure_fr), rl: n(v?.tpms_pressure_rl), rr: n(v?.tpms_pressure_rr) },
    displayUnits: g ? { distance: g.gui_distance_units === 'km/hr' ? 'km' : 'mi', temperature: g.gui_temperature_units } : null,
  };
}

function toEnergySite(p: EnergyProduct): EnergySite {
  const c = p.components;
  return {
    siteId: fleetIdToString(p.energy_site_id),
    name: n(p.site_name),
    resourceType: n(p.resource_type),
    hasBattery: c.battery === true,
    hasSolar: c.solar === true,
    hasGrid: c.grid === true,
    wallConnectorDins: (c.wall_connectors ?? []).map((w) => w.din),
  };
}

/** Energy sites of /products; sites with no battery, no solar and no Wall Connector are skipped (§4.1). */
export function toEnergySites(products: Product[]): EnergySite[] {
  return products
    .filter(isEnergyProduct)
    .map(toEnergySite)
    .filter((s) => s.hasBattery || s.hasSolar || s.wallConnectorDins.length > 0);
}

export function toSiteInfo(raw: RawSiteInfo): SiteInfo {
  const wh = raw.nameplate_energy ?? null;
  return {
    name: n(raw.site_name),
    timeZone: raw.installation_time_zone || null,
    batteryCount: n(raw.battery_count),
    nameplatePowerW: n(raw.nameplate_power),
    nameplateEnergyWh: wh,
    totalBatteryCapacityKwh: wh === null ? null : wh / 1000,
    backupReservePercent: n(raw.backup_reserve_percent),
    defaultRealMode: n(raw.default_real_mode),
    firmwareVersion: n(raw.version),
    hasSolar: raw.components.solar === true,
    hasBattery: raw.components.battery === true,
  };
}

export function toSiteLiveData(raw: LiveStatus): SiteLiveData {
  return {
    timestamp: new Date(raw.timestamp),
    solarPowerW: n(raw.solar_power),
    batteryPowerW: n(raw.battery_power),
    gridPowerW: n(raw.grid_power),
    loadPowerW: n(raw.load_power),
    generatorPowerW: n(raw.generator_power),
    batteryPercentage: n(raw.percentage_charged),
    gridStatus: n(raw.grid_status),
    islandStatus: n(raw.island_status),
    stormModeActive: n(raw.storm_mode_active),
    wallConnectors: (raw.wall_connectors ?? []).map((w) => ({
      din: w.din,
      vin: n(w.vin),
      state: w.wall_connector_state,
      powerW: w.wall_connector_power,
    })),
  };
}

function toBucket(e: EnergyHistoryEntry): EnergyHistoryBucket {
  const gridExported =
    e.total_grid_energy_exported ??
    e.grid_energy_exported_from_solar + e.grid_energy_exported_from_generator + e.grid_energy_exported_from_battery;
  const batteryCharged =
    e.total_battery_charge ??
    e.battery_energy_imported_from_grid + e.battery_energy_imported_from_solar + e.battery_energy_imported_from_generator;
  const home =
    e.total_home_usage ??
    e.consumer_energy_imported_from_grid +
      e.consumer_energy_imported_from_solar +
      e.consumer_energy_imported_from_battery +
      e.consumer_energy_imported_from_generator;
  return {
    timestamp: new Date(e.timestamp),
    localTimestamp: e.timestamp,
    solarWh: e.total_solar_generation ?? e.solar_energy_exported,
    gridImportedWh: e.grid_energy_imported,
    gridExportedWh: gridExported,
    gridExportedFromSolarWh: e.grid_energy_exported_from_solar,
    gridExportedFromBatteryWh: e.grid_energy_exported_from_battery,
    batteryChargedWh: batteryCharged,
    batteryChargedFromSolarWh: e.battery_energy_imported_from_solar,
    batteryChargedFromGridWh: e.battery_energy_imported_from_grid,
    batteryDischargedWh: e.total_battery_discharge ?? e.battery_energy_exported,
    homeWh: home,
    homeFromGridWh: e.consumer_energy_imported_from_grid,
    homeFromSolarWh: e.consumer_energy_imported_from_solar,
    homeFromBatteryWh: e.consumer_energy_imported_from_battery,
    generatorWh: e.generator_energy_exported,
  };
}

export function toEnergyHistory(raw: {
  period: string;
  installation_time_zone?: string;
  time_series: EnergyHistoryEntry[];
}): EnergyHistory {
  return { period: raw.period, timeZone: raw.installation_time_zone || null, buckets: raw.time_series.map(toBucket) };
}

export function toWallConnectorSessions(raw: z.infer<typeof WallConnectorHistorySchema>): WallConnectorSession[] {
  return wallConnectorSessions(raw).map((s) => ({
    startedAt: new Date(s.charge_start_time.seconds * 1000),
    durationSeconds: s.charge_duration.seconds,
    energyAddedWh: s.energy_added_wh,
    din: n(s.din),
  }));
}

export function toSuperchargerSession(raw: ChargingSession): SuperchargerSession {
  const totalDue: Record<string, number> = {};
  for (const f of raw.fees) totalDue[f.currencyCode] = round((totalDue[f.currencyCode] ?? 0) + f.totalDue, 2);
  const kwh = raw.fees.filter((f) => f.feeType === 'CHARGING' && f.uom.toLowerCase() === 'kwh');
  return {
    sessionId: String(raw.sessionId),
    vin: raw.vin,
    siteName: raw.siteLocationName,
    startedAt: new Date(raw.chargeStartDateTime),
    stoppedAt: new Date(raw.chargeStopDateTime),
    countryCode: n(raw.countryCode),
    totalDue,
    energyKwh:
      kwh.length > 0
        ? round(
            kwh.reduce(
              (s, f) => s + f.usageBase + (f.usageTier1 ?? 0) + (f.usageTier2 ?? 0) + (f.usageTier3 ?? 0) + (f.usageTier4 ?? 0),
              0,
            ),
            3,
          )
        : null,
    fees: raw.fees.map((f) => ({ type: f.feeType, currency: f.currencyCode, unit: f.uom, usage: f.usageBase, totalDue: f.totalDue })),
    invoices: (raw.invoices ?? []).map((i) => ({ fileName: i.fileName, contentId: i.contentId })),
  };
}
