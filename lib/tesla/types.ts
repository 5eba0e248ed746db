import type { ApiCategory } from '@/db/schema';
import type { FleetRegion, PricingType, VehicleDataEndpoint } from '@/lib/fleet-api';

/**
 * The app's shape of Tesla data (what lib/tesla returns). Canonical metric units, named in the
 * field: km, km/h, kWh, kW, W, Wh, °C, %. Tesla's sign conventions are kept: `batteryPowerW` > 0
 * discharging, `gridPowerW` > 0 importing, `powerKw` < 0 energy into the car's battery.
 * Ids are decimal strings (Tesla ids exceed 2^53). Vendor shapes live in lib/fleet-api.
 */
export type VehicleConnectivity = 'online' | 'asleep' | 'offline';

export type Vehicle = {
  /** Tesla's `id_s`. */
  id: string;
  vin: string;
  displayName: string | null;
  state: VehicleConnectivity;
  accessType: string | null;
  inService: boolean;
};

export type DisplayUnits = { distance: 'km' | 'mi'; temperature: 'C' | 'F' };

export type VehicleSnapshot = {
  vin: string;
  /** Newest sub-object timestamp of the payload (the car's own clock); when none is readable, when the answer arrived. */
  timestamp: Date;
  state: VehicleConnectivity;
  /** `display_name`, else (missing or empty) `vehicle_state.vehicle_name`. */
  displayName: string | null;
  vehicleName: string | null;
  carType: string | null;
  firmwareVersion: string | null;
  odometerKm: number | null;
  batteryLevel: number | null;
  usableBatteryLevel: number | null;
  batteryRangeKm: number | null;
  estBatteryRangeKm: number | null;
  idealBatteryRangeKm: number | null;
  chargingState: string | null;
  chargeLimitSoc: number | null;
  chargeEnergyAddedKwh: number | null;
  chargerPowerKw: number | null;
  chargerVoltage: number | null;
  chargerActualCurrent: number | null;
  chargerPhases: number | null;
  /** Range added per hour of charging, km/h. */
  chargeRateKmh: number | null;
  timeToFullChargeHours: number | null;
  /** Tesla's estimate of the minutes left to the charge limit (`time_to_full_charge` × 60, else `minutes_to_full_charge`). */
  minutesToFullCharge: number | null;
  fastChargerPresent: boolean | null;
  fastChargerType: string | null;
  fastChargerBrand: string | null;
  shiftState: string | null;
  speedKmh: number | null;
  powerKw: number | null;
  heading: number | null;
  latitude: number | null;
  longitude: number | null;
  insideTempC: number | null;
  outsideTempC: number | null;
  destinationName: string | null;
  destinationDistanceKm: number | null;
  destinationMinutes: number | null;
  /** The navigation destination's position (not the car's). */
  destinationLatitude: number | null;
  destinationLongitude: number | null;
  locked: boolean | null;
  sentryMode: boolean | null;
  /** Tyre pressures, bar. */
  tpmsBar: { fl: number | null; fr: number | null; rl: number | null; rr: number | null };
  /** The owner's display preferences (never used for conversion: the API always sends miles). */
  displayUnits: DisplayUnits | null;
};

/** Where a value came from: a fresh cache entry, Tesla just now, or an expired entry (car asleep). */
export type DataSource = 'cache' | 'live' | 'stale-cache' | 'none';

/**
 * Result of getVehicleData. An asleep or offline car is a result, not an error: it is never woken,
 * and the last cached snapshot (if any) comes back marked `stale-cache`.
 */
export type VehicleDataResult =
  | { status: 'online'; source: 'cache' | 'live'; fetchedAt: Date; snapshot: VehicleSnapshot; raw: unknown }
  | {
      status: 'asleep' | 'offline';
      source: 'stale-cache' | 'none';
      fetchedAt: Date | null;
      snapshot: VehicleSnapshot | null;
      raw: unknown;
    };

export type EnergySite = {
  /** `energy_site_id` as a decimal string. */
  siteId: string;
  name: string | null;
  resourceType: string | null;
  hasBattery: boolean;
  hasSolar: boolean;
  hasGrid: boolean;
  wallConnectorDins: string[];
};

export type SiteInfo = {
  name: string | null;
  /** IANA zone, null when Tesla sends "". */
  timeZone: string | null;
  batteryCount: number | null;
  /** The Powerwalls' rated power (W), e.g. 10,800 for two Powerwall 2: never the solar array's size, which site_info does not give. */
  nameplatePowerW: number | null;
  nameplateEnergyWh: number | null;
  totalBatteryCapacityKwh: number | null;
  backupReservePercent: number | null;
  defaultRealMode: string | null;
  firmwareVersion: string | null;
  hasSolar: boolean;
  hasBattery: boolean;
  /** DINs of the Wall Connectors site_info lists (empty when it lists none). */
  wallConnectorDins: string[];
};

export type SiteLiveData = {
  timestamp: Date;
  solarPowerW: number | null;
  /** > 0 discharging, < 0 charging. */
  batteryPowerW: number | null;
  /** > 0 importing, < 0 exporting. */
  gridPowerW: number | null;
  loadPowerW: number | null;
  generatorPowerW: number | null;
  batteryPercentage: number | null;
  gridStatus: string | null;
  islandStatus: string | null;
  stormModeActive: boolean | null;
  /** Each field null when Tesla's value was unreadable. */
  wallConnectors: { din: string | null; vin: string | null; state: number | null; powerW: number | null }[];
};

export type EnergyPeriod = 'day' | 'week' | 'month' | 'year' | 'lifetime';
/** RFC 3339 instants (Date or string with offset); `end` is inclusive as Tesla reads it. */
export type HistoryRange = { start: Date | string; end: Date | string; timeZone?: string };

/**
 * One calendar_history bucket, Wh per bucket (not cumulative). The directed flows the app stores
 * for every bucket are always there (a bucket without them is left out); the totals are null when
 * Tesla's value and the flows they derive from are unreadable.
 */
export type EnergyHistoryBucket = {
  timestamp: Date;
  /** The bucket start as Tesla wrote it, with the site-local offset. */
  localTimestamp: string;
  solarWh: number | null;
  gridImportedWh: number | null;
  gridExportedWh: number | null;
  gridExportedFromSolarWh: number | null;
  gridExportedFromBatteryWh: number | null;
  batteryChargedWh: number | null;
  batteryChargedFromSolarWh: number;
  batteryChargedFromGridWh: number;
  batteryDischargedWh: number;
  homeWh: number | null;
  homeFromGridWh: number;
  homeFromSolarWh: number;
  homeFromBatteryWh: number;
  generatorWh: number | null;
};

export type EnergyHistory = { period: string; timeZone: string | null; buckets: EnergyHistoryBucket[] };

export type WallConnectorSession = { startedAt: Date; durationSeconds: number; energyAddedWh: number; din: string | null };

export type SuperchargerSession = {
  sessionId: string;
  vin: string;
  siteName: string | null;
  startedAt: Date;
  stoppedAt: Date;
  countryCode: string | null;
  /** Sum of every fee's `totalDue` per currency, paid or not (what Tesla lists). */
  totalDue: Record<string, number>;
  /**
   * What the owner paid, per currency: the `totalDue` of fees whose `pricingType` is a payment
   * (or absent: the answer does not say, its total is due); free and credited fees count 0, so a
   * session charged for free is `{ EUR: 0 }`. Empty when no fee was listed.
   */
  paid: Record<string, number>;
  energyKwh: number | null;
  fees: {
    type: string | null;
    currency: string;
    unit: string | null;
    usage: number | null;
    totalDue: number;
    /** Null: a value the app does not know (reported, not counted as paid). Undefined: not sent. */
    pricingType: PricingType | null | undefined;
    paid: boolean;
  }[];
  invoices: { fileName: string; contentId: string }[];
};

export type RegionInfo = { region: FleetRegion; fleetApiBaseUrl: string };
export type TeslaUser = { email: string; fullName: string | null };

export type CategoryUsage = { requests: number; billable: number; costUsd: number };

/** This month's Fleet API use as the ledger recorded it. */
export type TeslaUsage = {
  /** First instant of the (UTC) billing month. */
  monthStart: Date;
  requests: number;
  billable: number;
  costUsd: number;
  byCategory: Record<ApiCategory, CategoryUsage>;
  /** Tesla's monthly discount for small accounts. */
  monthlyCreditUsd: number;
  /** What Tesla would invoice: cost minus the credit, never below 0, rounded to cents. */
  estimatedInvoiceUsd: number;
  budgetUsd: number;
  budgetRemainingUsd: number;
};

export type ConnectionStatus = {
  connected: boolean;
  region: FleetRegion | null;
  fleetApiBaseUrl: string;
  accessTokenExpiresAt: Date | null;
  scopes: string[];
  retryAfterUntil: Date | null;
};

export type { VehicleDataEndpoint, FleetRegion };
