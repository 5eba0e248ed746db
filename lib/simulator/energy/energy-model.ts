import type { GroundTruth, TrueOutage } from '../ground-truth';
import type { Rng } from '../rng';
import type { SiteSpec } from '../scenario-types';
import type { Weather } from '../weather';
import { EnergyHistory, zeroFlows, type FlowWh } from './energy-history';
import { HomeLoad } from './home-load';
import { OutageSchedule } from './outages';
import { clearSkySolarW } from './solar';

/** Powerwall 2: 13.5 kWh, 5 kW continuous; one-way efficiency so the round trip is ~90 %. */
export const POWERWALL_WH = 13_500;
export const POWERWALL_W = 5_000;
const ONE_WAY_EFFICIENCY = 0.95;
/** Grid charging used only to climb back to the backup reserve (e.g. after an outage). */
const RESERVE_RECOVERY_W = 1_500;

/** Instantaneous (step-average) powers in W, live_status signs: battery > 0 discharging, grid > 0 importing. */
export interface SitePowers {
  solarW: number;
  batteryW: number;
  gridW: number;
  loadW: number;
  wallConnectorW: Record<string, number>;
  gridUp: boolean;
}

/**
 * Home energy site in self-powered mode: solar serves the home first, surplus charges the
 * Powerwalls then exports; deficits are met by the Powerwalls down to the backup reserve, then the
 * grid. During an outage the site islands: solar beyond what home and battery take is curtailed,
 * the battery may go below the reserve, and load it cannot serve is shed (and the Wall Connector
 * delivers nothing). Every step conserves energy: load = solar + battery + grid, and the stored
 * energy changes by charge·η − discharge/η.
 */
export class EnergySite {
  readonly history: EnergyHistory;
  readonly capacityWh: number;
  readonly maxPowerW: number;
  soeWh: number;
  powers: SitePowers = { solarW: 0, batteryW: 0, gridW: 0, loadW: 0, wallConnectorW: {}, gridUp: true };
  /** Σ charge·η − discharge/η, Wh: must equal soeWh − initial soeWh. */
  storedDeltaWh = 0;
  readonly #load: HomeLoad;
  readonly #outages: OutageSchedule;
  #currentOutage: TrueOutage | null = null;

  constructor(
    readonly spec: SiteSpec,
    readonly lat: number,
    readonly lon: number,
    readonly weather: Weather,
    readonly gt: GroundTruth,
    rng: Rng,
    start: number,
  ) {
    this.history = new EnergyHistory(start);
    this.capacityWh = spec.powerwalls * POWERWALL_WH;
    this.maxPowerW = spec.powerwalls * POWERWALL_W;
    this.soeWh = (spec.initialBatteryPercent / 100) * this.capacityWh;
    this.#load = new HomeLoad(spec.homeLoad, spec.timeZone, rng.fork('load'));
    this.#outages = new OutageSchedule(spec.outages, rng.fork('outages'));
  }

  gridUpAt(ms: number): boolean {
    return this.#outages.at(ms) === null;
  }

  percentCharged(): number {
    return this.capacityWh > 0 ? (this.soeWh / this.capacityWh) * 100 : 0;
  }

  /**
   * Steps over (t − dtS, t]. `wallConnectorW` maps DIN → the Wall Connector's draw (already 0
   * during outages). Returns the step's flows in Wh so callers can attribute the car's share.
   */
  step(t: number, dtS: number, tempC: number, wallConnectorW: Record<string, number>): FlowWh {
    const t0 = t - dtS * 1000;
    const hours = dtS / 3600;
    const outage = this.#outages.at(t0);
    const gridUp = outage === null;
    this.#trackOutage(outage, t0);
    const wcTotal = Object.values(wallConnectorW).reduce((a, b) => a + b, 0);
    let load = this.#load.loadW(t0 + dtS * 500, tempC) + wcTotal;
    let solar = clearSkySolarW(t0 + dtS * 500, this.lat, this.lon, this.spec.solarKwp) * this.weather.clearness(t0 + dtS * 500);
    const reserveWh = (this.spec.backupReservePercent / 100) * this.capacityWh;
    const f = zeroFlows();
    const solarToHome = Math.min(solar, load);
    let surplus = solar - solarToHome;
    const deficit = load - solarToHome;
    const roomW = Math.max(0, (this.capacityWh - this.soeWh) / ONE_WAY_EFFICIENCY / hours);
    const solarToBattery = Math.min(surplus, this.maxPowerW, roomW);
    surplus -= solarToBattery;
    const floorWh = gridUp ? reserveWh : 0;
    const availW = Math.max(0, ((this.soeWh - floorWh) * ONE_WAY_EFFICIENCY) / hours);
    const batteryToHome = Math.min(deficit, this.maxPowerW, availW);
    let gridToHome = deficit - batteryToHome;
    let gridToBattery = 0;
    if (gridUp && this.soeWh < reserveWh && solarToBattery === 0) {
      gridToBattery = Math.min(RESERVE_RECOVERY_W, (reserveWh - this.soeWh) / ONE_WAY_EFFICIENCY / hours);
    }
    let solarToGrid = surplus;
    if (!gridUp) {
      load -= gridToHome; // shed
      gridToHome = 0;
      solar -= solarToGrid; // curtailed
      solarToGrid = 0;
    }
    const chargeW = solarToBattery + gridToBattery;
    this.soeWh += (chargeW * ONE_WAY_EFFICIENCY - batteryToHome / ONE_WAY_EFFICIENCY) * hours;
    this.storedDeltaWh += (chargeW * ONE_WAY_EFFICIENCY - batteryToHome / ONE_WAY_EFFICIENCY) * hours;
    f.solarToHome = solarToHome * hours;
    f.solarToBattery = solarToBattery * hours;
    f.solarToGrid = solarToGrid * hours;
    f.batteryToHome = batteryToHome * hours;
    f.gridToHome = gridToHome * hours;
    f.gridToBattery = gridToBattery * hours;
    this.history.add(t0, f);
    this.powers = {
      solarW: solar,
      batteryW: batteryToHome - chargeW,
      gridW: gridToHome + gridToBattery - solarToGrid,
      loadW: load,
      wallConnectorW: gridUp ? { ...wallConnectorW } : {},
      gridUp,
    };
    return f;
  }

  #trackOutage(outage: { start: number; end: number } | null, t0: number): void {
    if (outage && this.#currentOutage?.start !== outage.start) {
      this.#currentOutage = { start: Math.max(outage.start, t0), end: outage.end };
      this.gt.outages.push(this.#currentOutage);
    }
  }
}
