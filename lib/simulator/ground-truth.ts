/**
 * What really happened in the simulated world, recorded by the physics as it runs, so tests and
 * benchmarks can score what a sync derived from the API. Times are epoch ms, energies kWh,
 * distances miles (Tesla's unit), SoC in %.
 */
export interface TrueDrive {
  id: number;
  vin: string;
  from: string;
  to: string;
  start: number;
  end: number | null;
  startOdometerMiles: number;
  endOdometerMiles: number;
  distanceMiles: number;
  /** Battery energy used, kWh. */
  energyKwh: number;
  startSoc: number;
  endSoc: number;
  maxSpeedMph: number;
}

export interface HomeChargeSplit {
  solarKwh: number;
  batteryKwh: number;
  gridKwh: number;
}

export interface TrueCharge {
  id: number;
  vin: string;
  kind: 'home_ac' | 'supercharger';
  placeId: string;
  /** Wall Connector DIN for home sessions. */
  din: string | null;
  pluggedAt: number;
  unpluggedAt: number | null;
  /** First and last instants energy flowed (null if none did). */
  firstPowerAt: number | null;
  lastPowerAt: number | null;
  startSoc: number;
  endSoc: number;
  /** Energy metered at the Wall Connector / Supercharger stall, kWh. */
  energyFromWallKwh: number;
  /** Energy stored in the battery; equals the final `charge_energy_added`. */
  energyIntoBatteryKwh: number;
  maxPowerKw: number;
  /** charging_state when the session ended (unplug): Complete, Charging, Stopped, NoPower. */
  endState: string | null;
  /** Where the wall energy came from (home sessions only): proportional share of the home flows. */
  homeSplit: HomeChargeSplit | null;
  /** Supercharger fee (currency of the site), null at home. */
  fee: { currency: string; amount: number; pricePerKwh: number } | null;
}

export interface TrueInterval {
  vin: string;
  start: number;
  end: number | null;
}

/**
 * Why a car is awake (issue 14). Its own reasons: `driving`, `charging` (plugged in and drawing),
 * `scheduled_charging` (a charge that waited for its scheduled start), `sentry`, `climate_keeper`
 * (Keep/Dog/Camp mode), `cabin_overheat` (Cabin Overheat Protection cooling), `preconditioning`
 * (scheduled departure), `update_download`, `update_install`, `app` (the owner opened the phone app),
 * `idle` (nothing to do, still online until the sleep timer and any lingering have run out). And
 * `api`: awake only because a client asked (wake_up, or data requests that reset the quiet timer).
 */
export const AWAKE_REASONS = [
  'driving',
  'charging',
  'scheduled_charging',
  'sentry',
  'climate_keeper',
  'cabin_overheat',
  'preconditioning',
  'update_download',
  'update_install',
  'app',
  'idle',
  'api',
] as const;
export type AwakeReason = (typeof AWAKE_REASONS)[number];
/** The reasons a car has of its own (everything but the quiet tail and clients' requests). */
export type OwnAwakeReason = Exclude<AwakeReason, 'idle' | 'api'>;

/** One stretch of minutes (steps) a car was awake for one reason; stretches of one car never overlap. */
export interface TrueAwakeStretch {
  vin: string;
  start: number;
  end: number;
  reason: AwakeReason;
}

export interface TrueWake {
  vin: string;
  at: number;
  /** What woke it: a client (`api`), a drive or charge, or one of the life reasons. */
  cause: 'api' | 'drive' | 'charge' | Exclude<OwnAwakeReason, 'driving' | 'charging' | 'scheduled_charging'>;
  /** When wake_up was called (api wakes only). */
  requestedAt: number | null;
}

export interface TrueOutage {
  start: number;
  end: number;
}

export interface VehicleEnergyTotals {
  drivenKwh: number;
  idleDrainKwh: number;
  chargedKwh: number;
}

export interface GroundTruthExport {
  drives: TrueDrive[];
  charges: TrueCharge[];
  sleeps: TrueInterval[];
  offline: TrueInterval[];
  wakes: TrueWake[];
  /** Every awake stretch of every car with its reason (step resolution). */
  awake: TrueAwakeStretch[];
  outages: TrueOutage[];
  vehicleEnergy: Record<string, VehicleEnergyTotals>;
}

export class GroundTruth {
  readonly drives: TrueDrive[] = [];
  readonly charges: TrueCharge[] = [];
  readonly sleeps: TrueInterval[] = [];
  readonly offline: TrueInterval[] = [];
  readonly wakes: TrueWake[] = [];
  readonly awake: TrueAwakeStretch[] = [];
  readonly outages: TrueOutage[] = [];
  readonly vehicleEnergy: Record<string, VehicleEnergyTotals> = {};
  #nextId = 1;

  nextId(): number {
    return this.#nextId++;
  }

  energyOf(vin: string): VehicleEnergyTotals {
    return (this.vehicleEnergy[vin] ??= { drivenKwh: 0, idleDrainKwh: 0, chargedKwh: 0 });
  }

  /** A deep, JSON-safe copy (open intervals keep `end: null`). */
  export(): GroundTruthExport {
    return structuredClone({
      drives: this.drives,
      charges: this.charges,
      sleeps: this.sleeps,
      offline: this.offline,
      wakes: this.wakes,
      awake: this.awake,
      outages: this.outages,
      vehicleEnergy: this.vehicleEnergy,
    });
  }
}
