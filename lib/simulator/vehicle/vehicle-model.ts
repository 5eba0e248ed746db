import type { ChargingState } from '@/lib/fleet-api/schemas/vehicle-data';
import { alongRoute, bearingDeg, haversineMiles } from '../geo';
import type { GroundTruth, TrueDrive, TrueInterval } from '../ground-truth';
import type { Rng } from '../rng';
import type { PlaceSpec, VehicleSpec } from '../scenario-types';
import { addLocalDays, localParts, startOfLocalDay } from '../time-zone';
import { chargeStep, plugIn, unplug, type Plug } from './charging-session';
import { setReachable, updateConnectivity, wake } from './connectivity';
import { planDay, type Leg } from './day-plan';
import { cruiseMph, drivePowerKw } from './physics';

/** Road distance is the great-circle distance times this detour factor. */
const DETOUR = 1.25;
const AWAKE_IDLE_KW = 0.25;
const ASLEEP_IDLE_KW = 0.012;

interface Trip {
  leg: Leg;
  from: PlaceSpec;
  to: PlaceSpec;
  distance: number;
  covered: number;
  cruise: number;
  record: TrueDrive;
}

/**
 * One simulated car. State is public and mutable for the sibling modules (charging-session,
 * connectivity) and the API views; everything else should treat it as read-only.
 * Units: kWh, miles, mph, kW, °C, epoch ms.
 */
export class VehicleSim {
  readonly vin: string;
  readonly sleepAfterMs: number;
  soeKwh: number;
  odometerMiles: number;
  lat: number;
  lon: number;
  heading = 0;
  placeId: string | null;
  legs: Leg[] = [];
  trip: Trip | null = null;
  arrivedAt: number;
  plug: Plug | null = null;
  chargingState: ChargingState = 'Disconnected';
  chargeEnergyAddedKwh = 0;
  chargeMilesAdded = 0;
  chargerPowerKw = 0;
  chargerVoltage = 0;
  chargerCurrent = 0;
  chargerPhases: number | null = null;
  awake = true;
  reachable = true;
  lastActive: number;
  wakeAt: number | null = null;
  wakeRequestedAt: number | null = null;
  currentSleep: TrueInterval | null = null;
  currentOffline: TrueInterval | null = null;
  speedMph: number | null = null;
  drivePowerKw = 0;
  insideTempC = 18;
  whPerMileEma: number;
  lifetimeEnergyUsedKwh = 0;
  /** Home Wall Connector draw during the last step, W (read by the energy site). */
  homeWallW = 0;
  #nextPlanDay: number;

  constructor(
    readonly spec: VehicleSpec,
    readonly places: ReadonlyMap<string, PlaceSpec>,
    readonly home: PlaceSpec,
    readonly tz: string,
    readonly gt: GroundTruth,
    readonly rng: Rng,
    start: number,
  ) {
    this.vin = spec.vin;
    this.sleepAfterMs = (spec.sleepAfterMinutes ?? 15) * 60_000;
    this.soeKwh = (spec.initialSoc / 100) * spec.capacityKwh;
    this.odometerMiles = spec.initialOdometerMiles;
    this.lat = home.lat;
    this.lon = home.lon;
    this.placeId = home.id;
    this.arrivedAt = start;
    this.lastActive = start;
    this.whPerMileEma = (spec.capacityKwh * 1000) / spec.ratedRangeMiles;
    gt.energyOf(this.vin);
    this.#plan(start, start);
    this.#nextPlanDay = addLocalDays(tz, startOfLocalDay(tz, start), 1);
  }

  socPct(): number {
    return (this.soeKwh / this.spec.capacityKwh) * 100;
  }

  setChargerOutputs(kw: number, volts: number, amps: number, phases: number | null): void {
    this.chargerPowerKw = kw;
    this.chargerVoltage = volts;
    this.chargerCurrent = amps;
    this.chargerPhases = phases;
  }

  #plan(dayMs: number, notBefore: number): void {
    const p = localParts(this.tz, dayMs);
    const date = { year: p.year, month: p.month, day: p.day, weekday: p.weekday };
    this.legs.push(
      ...planDay({ pattern: this.spec.pattern, rng: this.rng.fork('plan'), tz: this.tz, homeId: this.home.id, date, notBefore }),
    );
  }

  /** Advances physics over (t − dtS, t]. `homePowered` false during a grid outage at home. */
  step(t: number, dtS: number, tempC: number, homePowered: boolean): void {
    const t0 = t - dtS * 1000;
    if (t >= this.#nextPlanDay) {
      this.#plan(this.#nextPlanDay, this.#nextPlanDay);
      this.#nextPlanDay = addLocalDays(this.tz, this.#nextPlanDay, 1);
    }
    this.homeWallW = 0;
    this.drivePowerKw = 0;
    if (!this.trip) this.#maybeDepart(t0, t);
    if (this.trip) {
      this.#drive(t, dtS, tempC);
    } else {
      if (this.plug) {
        const wallW = chargeStep(this, t, dtS, homePowered, tempC);
        if (this.plug?.kind === 'home') this.homeWallW = wallW;
        if (this.chargingState === 'Charging') this.drivePowerKw = -Math.round(this.chargerPowerKw);
      }
      if (this.chargingState !== 'Charging') this.#idleDrain(dtS);
    }
    this.insideTempC += ((this.trip ? 21 : tempC + 3) - this.insideTempC) * Math.min(1, dtS / 3600);
    updateConnectivity(this, t);
  }

  #idleDrain(dtS: number): void {
    const kwh = ((this.awake ? AWAKE_IDLE_KW : ASLEEP_IDLE_KW) * dtS) / 3600;
    this.soeKwh = Math.max(0, this.soeKwh - kwh);
    this.gt.energyOf(this.vin).idleDrainKwh += kwh;
  }

  #maybeDepart(t0: number, t: number): void {
    const leg = this.legs[0];
    if (!leg) return;
    const d = leg.depart;
    const ready =
      d.kind === 'at'
        ? d.at < t
        : d.kind === 'afterStay'
          ? this.arrivedAt + d.minutes * 60_000 < t
          : !this.plug || this.socPct() >= d.toSoc - 0.01 || this.chargingState === 'Complete' || t - this.arrivedAt > 4 * 3_600_000;
    if (!ready) return;
    this.legs.shift();
    const from = this.places.get(this.placeId ?? '') ?? this.home;
    const to = this.places.get(leg.to) ?? this.home;
    if (this.plug) unplug(this, t0);
    setReachable(this, true, t0);
    wake(this, t0, 'drive');
    const distance = Math.max(0.5, haversineMiles(from, to) * DETOUR);
    const record: TrueDrive = {
      id: this.gt.nextId(),
      vin: this.vin,
      from: from.id,
      to: to.id,
      start: t0,
      end: null,
      startOdometerMiles: this.odometerMiles,
      endOdometerMiles: this.odometerMiles,
      distanceMiles: 0,
      energyKwh: 0,
      startSoc: this.socPct(),
      endSoc: this.socPct(),
      maxSpeedMph: 0,
    };
    this.gt.drives.push(record);
    this.trip = { leg, from, to, distance, covered: 0, cruise: cruiseMph(distance), record };
    this.placeId = null;
  }

  #drive(t: number, dtS: number, tempC: number): void {
    const trip = this.trip as Trip;
    const remaining = trip.distance - trip.covered;
    const urban = trip.covered < 1.5 || remaining < 1.5;
    const mph = Math.max(5, (urban ? Math.min(26, trip.cruise) : trip.cruise) * (1 + 0.08 * this.rng.normal()));
    const stepMiles = (mph * dtS) / 3600;
    const frac = Math.min(1, remaining / stepMiles);
    const miles = stepMiles * frac;
    const powerKw = drivePowerKw(mph, tempC, this.spec.massKg, this.spec.cdA);
    const kwh = Math.min(this.soeKwh, (powerKw * dtS * frac) / 3600);
    this.soeKwh -= kwh;
    this.odometerMiles += miles;
    this.lifetimeEnergyUsedKwh += kwh;
    this.gt.energyOf(this.vin).drivenKwh += kwh;
    trip.covered += miles;
    const pos = alongRoute(trip.from, trip.to, trip.covered / trip.distance);
    this.heading = bearingDeg({ lat: this.lat, lon: this.lon }, pos);
    this.lat = pos.lat;
    this.lon = pos.lon;
    this.speedMph = Math.round(mph);
    this.drivePowerKw = this.rng.chance(0.12) ? -Math.round(this.rng.float(5, 40)) : Math.round(powerKw * (1 + 0.3 * this.rng.normal()));
    const r = trip.record;
    r.energyKwh += kwh;
    r.distanceMiles += miles;
    r.endOdometerMiles = this.odometerMiles;
    r.endSoc = this.socPct();
    r.maxSpeedMph = Math.max(r.maxSpeedMph, this.speedMph);
    if (frac < 1) this.#arrive(t);
  }

  #arrive(t: number): void {
    const trip = this.trip as Trip;
    trip.record.end = t;
    this.whPerMileEma = 0.7 * this.whPerMileEma + 0.3 * ((trip.record.energyKwh * 1000) / Math.max(0.1, trip.record.distanceMiles));
    this.trip = null;
    this.placeId = trip.to.id;
    this.lat = trip.to.lat;
    this.lon = trip.to.lon;
    this.speedMph = null;
    this.arrivedAt = t;
    this.lastActive = t;
    if (this.rng.chance(trip.to.noSignalChance ?? 0)) setReachable(this, false, t);
    const next = this.legs[0];
    if (trip.to.kind === 'supercharger') {
      plugIn(this, trip.to, t, next?.depart.kind === 'afterCharge' ? next.depart.toSoc : this.spec.chargeLimitSoc);
    } else if (trip.to.kind === 'home') {
      const policy = this.spec.homeCharging.plugIn;
      if (policy === 'always' || this.socPct() < policy.belowSoc) plugIn(this, trip.to, t, this.spec.chargeLimitSoc);
    }
  }
}
