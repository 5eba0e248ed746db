import type { FleetRegion } from '@/lib/fleet-api/hosts';
import type { HomeLoadSpec } from './energy/home-load';
import type { LifeSpec } from './life/life-spec';
import type { ClimateSpec } from './weather';

/**
 * A scenario is plain data: who the account holder is, where they live, their cars and how they
 * are driven and charged, and their energy site. Scenarios in `scenarios/` are examples; tests may
 * build their own objects of this type.
 */
export interface Scenario {
  name: string;
  description: string;
  account: AccountSpec;
  places: PlaceSpec[];
  climate: ClimateSpec;
  vehicles: VehicleSpec[];
  site: SiteSpec;
}

export interface AccountSpec {
  region: FleetRegion;
  email: string;
  fullName: string;
  /** Stable user UUID (JWT `sub`). */
  userUuid: string;
  /** Numeric user id as a decimal string (`user_id` in vehicle_data). */
  userId: string;
  locale: string;
}

export type PlaceKind = 'home' | 'work' | 'shop' | 'leisure' | 'supercharger' | 'destination';

export interface PlaceSpec {
  id: string;
  name: string;
  kind: PlaceKind;
  lat: number;
  lon: number;
  /** Chance that a given visit parks somewhere without mobile signal (car reports `offline`). */
  noSignalChance?: number;
  /** Superchargers: price per kWh delivered and ISO currency/country, for dx/charging/history. */
  supercharger?: { pricePerKwh: number; currency: string; countryCode: string; maxKw: number };
}

/** Local-time window in minutes after midnight, drawn uniformly. */
export type MinuteRange = readonly [number, number];

/** A round trip home → one of `to` → home. */
export interface OutingSpec {
  to: readonly string[];
  depart: MinuteRange;
  stayMinutes: MinuteRange;
  /** Probability the outing happens on a matching day (default 1). */
  probability?: number;
}

export interface RoadTripSpec {
  superchargerId: string;
  destinationId: string;
  depart: MinuteRange;
  stayMinutes: MinuteRange;
  /** State of charge (%) the driver charges to at the Supercharger. */
  chargeToSoc: number;
  /** Weekday (0 = Sunday) the monthly trip happens on; one such day per month is chosen. */
  weekday: number;
}

export interface DrivePattern {
  /** Outings per weekday, index 0 = Sunday … 6 = Saturday. */
  week: readonly (readonly OutingSpec[])[];
  /** One road trip per calendar month with a Supercharger stop each way. */
  monthlyRoadTrip?: RoadTripSpec;
}

export interface HomeChargingSpec {
  /** DIN of the site's Wall Connector this car uses. */
  wallConnectorDin: string;
  volts: number;
  amps: number;
  phases: 1 | 3;
  /** Plug in on every arrival home, or only when the battery is below `belowSoc` %. */
  plugIn: 'always' | { belowSoc: number };
  /** Scheduled charging start (local minutes after midnight); immediate when absent. */
  scheduledStartMinutes?: number;
  /** Chance a home session first sits in NoPower for a while (tripped breaker). */
  noPowerChance?: number;
}

export interface VehicleSpec {
  vin: string;
  /** Decimal string of the 64-bit vehicle id; may exceed 2^53. */
  idS: string;
  vehicleId: string;
  displayName: string;
  carType: 'model3' | 'modely' | 'models' | 'modelx';
  trimBadging: string;
  exteriorColor: string;
  wheelType: string;
  /** Usable pack energy, kWh. */
  capacityKwh: number;
  /** EPA/WLTP rated range at 100 %, miles. */
  ratedRangeMiles: number;
  massKg: number;
  /** Drag area Cd·A, m². */
  cdA: number;
  maxAcKw: number;
  maxDcKw: number;
  firmware: string;
  gui: { distance: 'mi/hr' | 'km/hr'; temperature: 'C' | 'F' };
  euVehicle: boolean;
  chargeLimitSoc: number;
  initialSoc: number;
  initialOdometerMiles: number;
  /** Minutes parked and idle before the car sleeps (Tesla: about 15; some cars need 30 or more, TeslaMate issue 111). */
  sleepAfterMinutes?: number;
  homeCharging: HomeChargingSpec;
  pattern: DrivePattern;
  /** What the owner does besides driving and charging (issue 14); absent: nothing. */
  life?: LifeSpec;
}

export interface WallConnectorSpec {
  din: string;
  deviceId: string;
}

export interface SiteSpec {
  /** energy_site_id as a decimal string. */
  energySiteId: string;
  siteName: string;
  /** Gateway-style site id (`STE…`), the `id` of site_info. */
  gatewaySiteId: string;
  timeZone: string;
  solarKwp: number;
  powerwalls: number;
  backupReservePercent: number;
  initialBatteryPercent: number;
  homeLoad: HomeLoadSpec;
  wallConnectors: WallConnectorSpec[];
  /** Grid outages: expected number per 30 days and duration range in minutes. */
  outages?: { per30Days: number; minutes: MinuteRange };
}
