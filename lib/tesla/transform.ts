import {
  PAYMENT_PRICING_TYPES,
  fleetIdToString,
  wallConnectorSessions,
  type ChargingHistory,
  type ChargingSession,
  type EnergyHistoryEntry,
  type EnergyProduct,
  type Lenient,
  type LiveStatus,
  type PricingType,
  type Product,
  type SiteInfo as RawSiteInfo,
  type VehicleData,
  type VehicleSummary,
} from '@/lib/fleet-api';
import type { z } from 'zod';
import type { EnergyHistorySchema, WallConnectorHistorySchema } from '@/lib/fleet-api';
import type {
  EnergyHistory,
  EnergyHistoryBucket,
  EnergySite,
  SiteInfo,
  SiteLiveData,
  SuperchargerSession,
  Vehicle,
  VehicleConnectivity,
  VehicleSnapshot,
  WallConnectorSession,
} from './types';

/**
 * The one file that knows Tesla's field names and units (reference §3.6, §4). Pure functions over
 * payloads read field by field by lib/fleet-api's lenient reader: any field may be null, and every
 * figure that can still be derived is; a figure whose inputs are unreadable is null, never a guess.
 * An entry the app cannot use at all (a vehicle without a VIN, a bucket without its time) comes
 * back null for the caller to leave out and report.
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
/** A whole number (integer columns), or null. */
const whole = (v: number | null | undefined): number | null => (v == null ? null : Math.round(v));
/** Tesla's "no value" markers for strings (`<invalid>` on older firmware, `""` on newer) as null. */
const text = (v: string | null | undefined): string | null => (v == null || v === '' || v === '<invalid>' ? null : v);
/** A sum, null when one of its parts is unreadable. */
const sum = (...parts: (number | null | undefined)[]): number | null =>
  parts.every((p): p is number => typeof p === 'number') ? parts.reduce((a, b) => a + b, 0) : null;

/** Connectivity; null or unknown (Tesla's own example sends null) is read as not reachable: no billable read on a guess. */
const connectivity = (state: string | null | undefined): VehicleConnectivity =>
  state === 'online' || state === 'asleep' ? state : 'offline';

/**
 * A vehicle of /vehicles or /products; null without a VIN or id (the app keys cars by them). `id_s`
 * falls back to `id`. `known`: the car asked about (state check, wake), whose VIN stands in and
 * whose id may stay unknown ('').
 */
export function toVehicle(raw: Lenient<VehicleSummary>): Vehicle | null;
export function toVehicle(raw: Lenient<VehicleSummary>, known: { vin: string }): Vehicle;
export function toVehicle(raw: Lenient<VehicleSummary>, known?: { vin: string }): Vehicle | null {
  const vin = raw.vin ?? known?.vin;
  const id = raw.id_s ?? (raw.id == null ? null : fleetIdToString(raw.id)) ?? (known ? '' : null);
  if (!vin || id === null) return null;
  return {
    id,
    vin,
    displayName: text(raw.display_name),
    state: connectivity(raw.state),
    accessType: n(raw.access_type),
    inService: raw.in_service ?? false,
  };
}

/**
 * A vehicle_data answer as a snapshot. `fallback`: the VIN asked for and when the answer arrived,
 * used when the payload does not say (no VIN; no readable sub-object timestamp).
 */
export function toVehicleSnapshot(raw: Lenient<VehicleData>, fallback: { vin: string; at: Date }): VehicleSnapshot {
  const { charge_state: c, climate_state: cl, drive_state: d, vehicle_state: v, gui_settings: g, vehicle_config: cfg } = raw;
  const stamps = [c, cl, d, v, g, cfg].map((s) => s?.timestamp).filter((t): t is number => typeof t === 'number');
  const hours = n(c?.time_to_full_charge);
  return {
    vin: raw.vin ?? fallback.vin,
    timestamp: stamps.length > 0 ? new Date(Math.max(...stamps)) : fallback.at,
    state: raw.state == null ? 'online' : connectivity(raw.state),
    displayName: text(raw.display_name) ?? text(v?.vehicle_name),
    vehicleName: text(v?.vehicle_name),
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
    chargerVoltage: whole(c?.charger_voltage),
    chargerActualCurrent: whole(c?.charger_actual_current),
    chargerPhases: n(c?.charger_phases),
    chargeRateKmh: mphToKmh(c?.charge_rate),
    timeToFullChargeHours: hours,
    minutesToFullCharge: hours !== null ? hours * 60 : n(c?.minutes_to_full_charge),
    fastChargerPresent: n(c?.fast_charger_present),
    fastChargerType: text(c?.fast_charger_type),
    fastChargerBrand: text(c?.fast_charger_brand),
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
    destinationLatitude: n(d?.active_route_latitude),
    destinationLongitude: n(d?.active_route_longitude),
    locked: n(v?.locked),
    sentryMode: n(v?.sentry_mode),
    tpmsBar: { fl: n(v?.tpms_pressure_fl), fr: n(v?.tpms_pressure_fr), rl: n(v?.tpms_pressure_rl), rr: n(v?.tpms_pressure_rr) },
    displayUnits:
      g?.gui_distance_units && g.gui_temperature_units
        ? { distance: g.gui_distance_units === 'km/hr' ? 'km' : 'mi', temperature: g.gui_temperature_units }
        : null,
  };
}

/**
 * An energy entry of /products; null without a readable `energy_site_id`. Without `components`
 * (Tesla's docs example) what the site has is read from the entry itself: a battery site reports
 * its charge or power, a solar one its `solar_power`.
 */
function toEnergySite(p: Lenient<EnergyProduct>): EnergySite | null {
  if (p.energy_site_id == null) return null;
  const c = p.components;
  return {
    siteId: fleetIdToString(p.energy_site_id),
    name: text(p.site_name),
    resourceType: n(p.resource_type),
    hasBattery: c ? c.battery === true : p.resource_type === 'battery' || p.percentage_charged != null || p.battery_power != null,
    hasSolar: c ? c.solar === true : p.resource_type === 'solar' || p.solar_power != null,
    hasGrid: c?.grid === true,
    wallConnectorDins: (c?.wall_connectors ?? []).map((w) => w.din).filter((d): d is string => !!d),
  };
}

/**
 * Energy sites of /products (vehicle entries are not used here: /vehicles lists the cars).
 * Sites with no battery, no solar and no Wall Connector are skipped (§4.1). `unusable` counts the
 * energy entries left out because they carry no readable site id.
 */
export function toEnergySites(products: Lenient<Product>[]): { sites: EnergySite[]; unusable: number } {
  const entries = products.filter((p): p is Lenient<EnergyProduct> => 'energy_site_id' in p);
  const read = entries.map(toEnergySite);
  const sites = read.filter((s): s is EnergySite => s !== null).filter((s) => s.hasBattery || s.hasSolar || s.wallConnectorDins.length > 0);
  return { sites, unusable: read.filter((s) => s === null).length };
}

export function toSiteInfo(raw: Lenient<RawSiteInfo>): SiteInfo {
  const wh = n(raw.nameplate_energy);
  return {
    name: text(raw.site_name),
    timeZone: text(raw.installation_time_zone),
    batteryCount: n(raw.battery_count),
    nameplatePowerW: n(raw.nameplate_power),
    nameplateEnergyWh: wh,
    totalBatteryCapacityKwh: wh === null ? null : wh / 1000,
    backupReservePercent: n(raw.backup_reserve_percent),
    defaultRealMode: n(raw.default_real_mode),
    firmwareVersion: n(raw.version),
    hasSolar: raw.components?.solar === true,
    hasBattery: raw.components?.battery === true,
    wallConnectorDins: (raw.components?.wall_connectors ?? []).map((w) => w.din).filter((d): d is string => !!d),
  };
}

/** live_status; `fetchedAt` dates a reading whose own timestamp is unreadable. */
export function toSiteLiveData(raw: Lenient<LiveStatus>, fetchedAt: Date): SiteLiveData {
  return {
    timestamp: raw.timestamp ? new Date(raw.timestamp) : fetchedAt,
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
      din: n(w.din),
      vin: n(w.vin),
      state: n(w.wall_connector_state),
      powerW: n(w.wall_connector_power),
    })),
  };
}

/**
 * One calendar_history entry; null when its time or one of the directed flows the app stores for
 * every bucket (home from solar/battery/grid, Powerwall from solar/grid, Powerwall discharge) is
 * unreadable. Totals Tesla omits are derived from the flows; a total whose parts are unreadable is null.
 */
function toBucket(e: Lenient<EnergyHistoryEntry>): EnergyHistoryBucket | null {
  const discharged = e.total_battery_discharge ?? e.battery_energy_exported;
  if (
    !e.timestamp ||
    e.consumer_energy_imported_from_solar == null ||
    e.consumer_energy_imported_from_battery == null ||
    e.consumer_energy_imported_from_grid == null ||
    e.battery_energy_imported_from_solar == null ||
    e.battery_energy_imported_from_grid == null ||
    discharged == null
  )
    return null;
  return {
    timestamp: new Date(e.timestamp),
    localTimestamp: e.timestamp,
    solarWh: e.total_solar_generation ?? n(e.solar_energy_exported),
    gridImportedWh: n(e.grid_energy_imported),
    gridExportedWh:
      e.total_grid_energy_exported ??
      sum(e.grid_energy_exported_from_solar, e.grid_energy_exported_from_generator, e.grid_energy_exported_from_battery),
    gridExportedFromSolarWh: n(e.grid_energy_exported_from_solar),
    gridExportedFromBatteryWh: n(e.grid_energy_exported_from_battery),
    batteryChargedWh:
      e.total_battery_charge ??
      sum(e.battery_energy_imported_from_grid, e.battery_energy_imported_from_solar, e.battery_energy_imported_from_generator),
    batteryChargedFromSolarWh: e.battery_energy_imported_from_solar,
    batteryChargedFromGridWh: e.battery_energy_imported_from_grid,
    batteryDischargedWh: discharged,
    homeWh:
      e.total_home_usage ??
      sum(
        e.consumer_energy_imported_from_grid,
        e.consumer_energy_imported_from_solar,
        e.consumer_energy_imported_from_battery,
        e.consumer_energy_imported_from_generator,
      ),
    homeFromGridWh: e.consumer_energy_imported_from_grid,
    homeFromSolarWh: e.consumer_energy_imported_from_solar,
    homeFromBatteryWh: e.consumer_energy_imported_from_battery,
    generatorWh: n(e.generator_energy_exported),
  };
}

/** calendar_history; `unusable` counts the entries left out (see toBucket). No time_series (null or absent) is no buckets. */
export function toEnergyHistory(raw: Lenient<z.output<typeof EnergyHistorySchema>>): EnergyHistory & { unusable: number } {
  const read = (raw.time_series ?? []).map(toBucket);
  const buckets = read.filter((b): b is EnergyHistoryBucket => b !== null);
  return { period: raw.period ?? 'unknown', timeZone: text(raw.installation_time_zone), buckets, unusable: read.length - buckets.length };
}

/** Wall Connector sessions; an entry without its start, duration or energy is left out (`unusable`). */
export function toWallConnectorSessions(raw: Lenient<z.output<typeof WallConnectorHistorySchema>>): {
  sessions: WallConnectorSession[];
  unusable: number;
} {
  const entries = wallConnectorSessions(raw as Parameters<typeof wallConnectorSessions>[0]) as Lenient<
    ReturnType<typeof wallConnectorSessions>[number]
  >[];
  const sessions: WallConnectorSession[] = [];
  for (const s of entries) {
    const start = s.charge_start_time?.seconds;
    const duration = s.charge_duration?.seconds;
    if (start == null || duration == null || s.energy_added_wh == null) continue;
    sessions.push({ startedAt: new Date(start * 1000), durationSeconds: duration, energyAddedWh: s.energy_added_wh, din: n(s.din) });
  }
  return { sessions, unusable: entries.length - sessions.length };
}

/**
 * One Supercharger session with its fees; null without its id, VIN or a readable start and stop.
 * A fee without a currency or amount is left out of the totals; the energy is null when a
 * kWh-priced fee's usage is unreadable. `paid` counts only payments (see `isPaymentFee`).
 */
export function toSuperchargerSession(raw: Lenient<ChargingSession>): SuperchargerSession | null {
  const startedAt = raw.chargeStartDateTime ? new Date(raw.chargeStartDateTime) : null;
  const stoppedAt = raw.chargeStopDateTime ? new Date(raw.chargeStopDateTime) : null;
  if (
    raw.sessionId == null ||
    !raw.vin ||
    !startedAt ||
    !stoppedAt ||
    Number.isNaN(startedAt.getTime()) ||
    Number.isNaN(stoppedAt.getTime())
  )
    return null;
  const fees = (raw.fees ?? [])
    .filter((f): f is typeof f & { currencyCode: string; totalDue: number } => !!f.currencyCode && f.totalDue != null)
    .map((f) => ({ ...f, paid: isPaymentFee(f.pricingType) }));
  const totalDue: Record<string, number> = {};
  const paid: Record<string, number> = {};
  for (const f of fees) {
    totalDue[f.currencyCode] = round((totalDue[f.currencyCode] ?? 0) + f.totalDue, 2);
    paid[f.currencyCode] = round((paid[f.currencyCode] ?? 0) + (f.paid ? f.totalDue : 0), 2);
  }
  const kwh = fees.filter((f) => f.feeType === 'CHARGING' && f.uom?.toLowerCase() === 'kwh');
  const used = kwh.map((f) =>
    f.usageBase == null ? null : f.usageBase + (f.usageTier1 ?? 0) + (f.usageTier2 ?? 0) + (f.usageTier3 ?? 0) + (f.usageTier4 ?? 0),
  );
  return {
    sessionId: String(raw.sessionId),
    vin: raw.vin,
    siteName: n(raw.siteLocationName),
    startedAt,
    stoppedAt,
    countryCode: n(raw.countryCode),
    totalDue,
    paid,
    energyKwh:
      kwh.length > 0 && used.every((u) => u !== null)
        ? round(
            used.reduce((a, b) => a! + b!, 0)!,
            3,
          )
        : null,
    fees: fees.map((f) => ({
      type: n(f.feeType),
      currency: f.currencyCode,
      unit: n(f.uom),
      usage: n(f.usageBase),
      totalDue: f.totalDue,
      pricingType: f.pricingType,
      paid: f.paid,
    })),
    invoices: (raw.invoices ?? [])
      .filter((i) => i.fileName && i.contentId)
      .map((i) => ({ fileName: i.fileName!, contentId: i.contentId! })),
  };
}

/**
 * Whether a fee is money the owner paid: its `pricingType` is a payment, or the answer does not
 * carry one (undefined: its `totalDue` is what is due). `NO_CHARGE` and `CREDIT` are free; a value
 * the app does not know (read as null, and reported) is not counted, so it never adds a cost.
 */
export function isPaymentFee(pricingType: PricingType | null | undefined): boolean {
  return pricingType === undefined || (PAYMENT_PRICING_TYPES as readonly string[]).includes(pricingType ?? '');
}

/**
 * A Supercharger history page; `unusable` counts the sessions left out (see toSuperchargerSession),
 * `entries` every session entry read from the page, usable or not (what paging counts against `totalResults`).
 */
export function toSuperchargerPage(raw: Lenient<ChargingHistory>): {
  sessions: SuperchargerSession[];
  totalResults: number | null;
  entries: number;
  unusable: number;
} {
  const read = (raw.data ?? []).map(toSuperchargerSession);
  const sessions = read.filter((s): s is SuperchargerSession => s !== null);
  return { sessions, totalResults: n(raw.totalResults), entries: read.length, unusable: read.length - sessions.length };
}
