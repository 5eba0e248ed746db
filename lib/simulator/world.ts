import { EnergySite } from './energy/energy-model';
import { clearSkySolarW } from './energy/solar';
import { GroundTruth } from './ground-truth';
import type { Rng } from './rng';
import type { PlaceSpec, Scenario, SiteSpec } from './scenario-types';
import { VehicleSim } from './vehicle/vehicle-model';
import { Weather } from './weather';

/** Physics step. 60 s divides the 5-minute history buckets and every zone offset. */
export const STEP_MS = 60_000;

/**
 * The simulated physical world: vehicles and the home's energy site stepped together in fixed steps.
 * Vehicles step first so the site sees each Wall Connector's draw in the same step; the home
 * share of the site's flows is then attributed to each home-charging session (ground truth).
 * `otherSites` (ApiOptions.secondEnergySite) are stepped alongside with no car at them.
 */
export class World {
  readonly gt = new GroundTruth();
  readonly weather: Weather;
  readonly site: EnergySite;
  /** Energy sites of the account other than the home's (no Wall Connector, no car charging there). */
  readonly otherSites: EnergySite[];
  readonly vehicles: VehicleSim[];
  readonly places: ReadonlyMap<string, PlaceSpec>;
  /** End of the last completed step (epoch ms). */
  time: number;
  readonly #home: PlaceSpec;
  /** Whether any car has owner habits (only those cars feel the sun in their cabin). */
  readonly #anyLife: boolean;

  constructor(
    readonly scenario: Scenario,
    rng: Rng,
    start: number,
    otherSites: readonly { spec: SiteSpec; lat: number; lon: number }[] = [],
  ) {
    this.time = Math.floor(start / STEP_MS) * STEP_MS;
    this.places = new Map(scenario.places.map((p) => [p.id, p]));
    const home = scenario.places.find((p) => p.kind === 'home');
    if (!home) throw new Error(`scenario ${scenario.name} has no home place`);
    this.#home = home;
    this.#anyLife = scenario.vehicles.some((v) => v.life !== undefined);
    this.weather = new Weather(scenario.climate, scenario.site.timeZone, home.lat, rng.fork('weather'));
    this.site = new EnergySite(scenario.site, home.lat, home.lon, this.weather, this.gt, rng.fork('site'), this.time);
    this.otherSites = otherSites.map(
      (o) => new EnergySite(o.spec, o.lat, o.lon, this.weather, this.gt, rng.fork(`site:${o.spec.energySiteId}`), this.time),
    );
    this.vehicles = scenario.vehicles.map(
      (spec) => new VehicleSim(spec, this.places, home, scenario.site.timeZone, this.gt, rng.fork(`vehicle:${spec.vin}`), this.time),
    );
  }

  /** Steps until the next step would end after `target`. */
  advanceTo(target: number): void {
    const dtS = STEP_MS / 1000;
    while (this.time + STEP_MS <= target) {
      const t = this.time + STEP_MS;
      const mid = t - STEP_MS / 2;
      const tempC = this.weather.temperatureC(mid);
      const homePowered = this.site.gridUpAt(t - STEP_MS);
      const sun = this.#anyLife ? this.#sun(mid) : 0;
      const wc: Record<string, number> = {};
      for (const v of this.vehicles) {
        v.step(t, dtS, tempC, homePowered, sun);
        if (v.homeWallW > 0) wc[v.spec.homeCharging.wallConnectorDin] = (wc[v.spec.homeCharging.wallConnectorDin] ?? 0) + v.homeWallW;
      }
      const flows = this.site.step(t, dtS, tempC, wc);
      for (const other of this.otherSites) other.step(t, dtS, tempC, {});
      const homeLoadWh = flows.solarToHome + flows.batteryToHome + flows.gridToHome;
      if (homeLoadWh > 0) {
        for (const v of this.vehicles) {
          const split = v.plug?.session.homeSplit;
          if (!split || v.homeWallW <= 0) continue;
          const share = (v.homeWallW * (dtS / 3600)) / homeLoadWh;
          split.solarKwh += (share * flows.solarToHome) / 1000;
          split.batteryKwh += (share * flows.batteryToHome) / 1000;
          split.gridKwh += (share * flows.gridToHome) / 1000;
        }
      }
      this.time = t;
    }
  }

  /** Share (0–1) of a clear midday sky's irradiance near home at `ms`: what heats a parked cabin. */
  #sun(ms: number): number {
    return (clearSkySolarW(ms, this.#home.lat, this.#home.lon, 1) / 850) * this.weather.clearness(ms);
  }
}
