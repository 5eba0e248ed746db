import type { ChargingState } from '@/lib/fleet-api/schemas/vehicle-data';
import { alongRoute, bearingDeg, haversineMiles } from '../geo';
import type { GroundTruth, TrueAwakeStretch, TrueDrive, TrueInterval } from '../ground-truth';
import { LifeState } from '../life/life-state';
import type { Rng } from '../rng';
import type { PlaceSpec, VehicleSpec } from '../scenario-types';
import { addLocalDays, localParts, startOfLocalDay } from '../time-zone';
import { chargeStep, plugIn, unplug, type Plug } from './charging-session';
import { markActive, setReachable, updateConnectivity, wake } from './connectivity';
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
  /** Last activity of any kind (the car's own, a data request or wake_up): the quiet timer runs from here. */
  lastActive: number;
  /** Last activity of the car's own (no client request): tells idle from kept awake by a client. */
  lastOwnActive: number;
  /** When the car last woke (or the world start). */
  awakeSince: number;
  currentAwake: TrueAwakeStretch | null = null;
  /** A drive went on during the last step (it may have ended at its end). */
  droveThisStep = false;
  /** The last step began Starting or Charging (the charge may have completed at its end). */
  chargedThisStep = false;
  /** Parked where there is no signal (drawn on arrival). */
  noSignalHere = false;
  /** Owner habits (issue 14), null when the spec has none: the car then behaves as before. */
  readonly life: LifeState | null;
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
    this.lastOwnActive = start;
    this.awakeSince = start;
    this.life = spec.life ? new LifeState(spec.life, tz, home, rng.fork('life'), spec.firmware, start) : null;
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
    const legs = planDay({ pattern: this.spec.pattern, rng: this.rng.fork('plan'), tz: this.tz, homeId: this.home.id, date, notBefore });
    this.legs.push(...legs);
    this.life?.planDay(date, legs, notBefore);
  }

  /**
   * Advances physics over (t − dtS, t]. `homePowered` false during a grid outage at home; `sun`
   * (0–1, share of clear-sky irradiance) heats a parked cabin, only for cars with `life`.
   */
  step(t: number, dtS: number, tempC: number, homePowered: boolean, sun = 0): void {
    const t0 = t - dtS * 1000;
    if (t >= this.#nextPlanDay) {
      this.#plan(this.#nextPlanDay, this.#nextPlanDay);
      this.#nextPlanDay = addLocalDays(this.tz, this.#nextPlanDay, 1);
    }
    this.homeWallW = 0;
    this.drivePowerKw = 0;
    if (!this.trip) this.#maybeDepart(t0, t);
    this.droveThisStep = this.trip !== null;
    this.chargedThisStep = this.chargingState === 'Starting' || this.chargingState === 'Charging';
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
    // Parked in the open sun away from home (at home it stands in a garage or carport).
    const solarGainC = this.life && !this.trip && this.placeId !== this.home.id ? 22 * sun : 0;
    this.insideTempC += ((this.trip ? 21 : tempC + 3 + solarGainC) - this.insideTempC) * Math.min(1, dtS / 3600);
    this.life?.step(this, t, dtS * 1000, tempC);
    updateConnectivity(this, t, dtS * 1000);
  }

  #idleDrain(dtS: number): void {
    const kwh = ((this.awake ? AWAKE_IDLE_KW + (this.life?.extraKw ?? 0) : ASLEEP_IDLE_KW) * dtS) / 3600;
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
    this.noSignalHere = false;
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
    markActive(this, t);
    this.noSignalHere = this.rng.chance(trip.to.noSignalChance ?? 0);
    if (this.noSignalHere) setReachable(this, false, t);
    const next = this.legs[0];
    if (trip.to.kind === 'supercharger') {
      plugIn(this, trip.to, t, next?.depart.kind === 'afterCharge' ? next.depart.toSoc : this.spec.chargeLimitSoc);
    } else if (trip.to.kind === 'home') {
      const policy = this.spec.homeCharging.plugIn;
      if (policy === 'always' || this.socPct() < policy.belowSoc) plugIn(this, trip.to, t, this.spec.chargeLimitSoc);
    }
  }
}
