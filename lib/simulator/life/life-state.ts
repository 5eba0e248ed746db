import type { OwnAwakeReason } from '../ground-truth';
import type { Rng } from '../rng';
import type { PlaceSpec } from '../scenario-types';
import { setReachable } from '../vehicle/connectivity';
import type { Leg } from '../vehicle/day-plan';
import { hvacKw } from '../vehicle/physics';
import type { VehicleSim } from '../vehicle/vehicle-model';
import { planLifeDay, type LifeEvent } from './day-events';
import type { LifeSpec } from './life-spec';
import { SoftwareUpdates } from './software-update';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Cabin Overheat Protection activation temperatures, °C (Tesla owner's manual: Low 30, Medium 35, High 40). */
export const COP_ACTIVATION_C = { Low: 30, Medium: 35, High: 40 } as const;
/** COP runs for up to 12 hours after the driver leaves (Tesla owner's manual). */
const COP_WINDOW_MS = 12 * HOUR;
/** Sentry Mode turns itself off below 20 % (Tesla owner's manual). */
const SENTRY_MIN_SOC = 20;

type Spell = { from: number; to: number; kind: 'drive' | 'charge' };

/**
 * One car's owner habits (LifeSpec) as state stepped with the car: which life reason keeps it
 * awake now, what its payload shows (Sentry, climate keeper, COP, preconditioning, updates) and
 * when it has no signal. Stepped after the car's physics and before its connectivity.
 */
export class LifeState {
  readonly updates: SoftwareUpdates | null;
  events: LifeEvent[] = [];
  keeperOn = false;
  copCooling = false;
  sentryOn = false;
  spell: Spell | null = null;
  /** Extra battery draw of the current reason (climate), kW. */
  extraKw = 0;
  #reason: OwnAwakeReason | null = null;
  #wasDriving = false;
  #sessionId: number | null = null;
  #lingerFor = Number.NaN;
  #lingerMs = 0;

  constructor(
    readonly spec: LifeSpec,
    readonly tz: string,
    readonly home: PlaceSpec,
    readonly rng: Rng,
    firmware: string,
    start: number,
  ) {
    this.updates = spec.softwareUpdates ? new SoftwareUpdates(spec.softwareUpdates, tz, rng.fork('updates'), firmware, start) : null;
  }

  planDay(date: { year: number; month: number; day: number; weekday: number }, legs: readonly Leg[], notBefore: number): void {
    const fresh = planLifeDay({ spec: this.spec, rng: this.rng.fork('days'), tz: this.tz, homeId: this.home.id, date, legs, notBefore });
    this.events = [...this.events.filter((e) => e.end > notBefore - 24 * HOUR), ...fresh];
  }

  /** Whether an event of `kind` covers the instant `t` (events are [start, end), whole minutes). */
  active(kind: LifeEvent['kind'], t: number): boolean {
    return this.events.some((e) => e.kind === kind && e.start <= t && t < e.end);
  }

  /** Minutes the car stays online after its sleep timer for a quiet stretch that began at `quietFrom`, in ms. */
  lingerMs(quietFrom: number): number {
    const range = this.spec.lingerMinutes;
    if (!range) return 0;
    if (quietFrom !== this.#lingerFor) {
      this.#lingerFor = quietFrom;
      this.#lingerMs = this.rng.fork(`linger:${Math.floor(quietFrom / MIN)}`).float(range[0], range[1]) * MIN;
    }
    return this.#lingerMs;
  }

  /** The life reason keeping the car awake at the end of the last step (driving and charging are the car's own). */
  get reason(): OwnAwakeReason | null {
    return this.#reason;
  }

  step(v: VehicleSim, t: number, dtMs: number, tempC: number): void {
    const driving = v.trip !== null;
    if (driving && !this.#wasDriving) this.#depart(t - dtMs);
    if (!driving && this.#wasDriving) this.#arrive(v);
    this.#wasDriving = driving;
    this.#followPlug(v);

    const place = !driving && v.placeId !== null ? v.places.get(v.placeId) : undefined;
    const parkedHome = place?.kind === 'home';
    const charging = v.chargingState === 'Starting' || v.chargingState === 'Charging';
    this.sentryOn = !!this.spec.sentry && !!place && !this.spec.sentry.exclude.includes(place.kind) && v.socPct() > SENTRY_MIN_SOC;
    const cop = this.spec.cabinOverheat;
    const copC = cop ? COP_ACTIVATION_C[cop.activation] : Infinity;
    this.copCooling = !!place && t - v.arrivedAt < COP_WINDOW_MS && v.insideTempC > copC;
    if (this.copCooling) v.insideTempC = copC;
    this.updates?.step(t, dtMs, parkedHome, charging);

    const spell = this.spell;
    if (spell && t >= spell.to) this.spell = null;
    const inSpell = this.spell !== null && t >= this.spell.from;
    const reachable = !(v.noSignalHere || inSpell || this.updates?.offlineAt(t));
    if (reachable !== v.reachable) setReachable(v, reachable, t);

    // The step (t − dtMs, t] belongs to the events that cover its start.
    this.#reason = this.#ownReason(v, t - dtMs, parkedHome);
    const climate = this.#reason === 'preconditioning' || this.#reason === 'climate_keeper';
    if (climate) v.insideTempC += (21 - v.insideTempC) * Math.min(1, dtMs / (20 * MIN));
    this.extraKw = climate ? hvacKw(tempC) + 0.3 : this.#reason === 'cabin_overheat' ? 0.8 : 0;
  }

  #ownReason(v: VehicleSim, t: number, parkedHome: boolean): OwnAwakeReason | null {
    if (this.updates?.installing) return 'update_install';
    if (parkedHome && this.active('preconditioning', t)) return 'preconditioning';
    if (this.keeperOn) return 'climate_keeper';
    if (this.copCooling) return 'cabin_overheat';
    if (this.sentryOn) return 'sentry';
    if (this.updates?.downloadingNow) return 'update_download';
    // The app reaches the car only when it has signal.
    if (v.reachable && this.active('app', t)) return 'app';
    return null;
  }

  #depart(t0: number): void {
    this.keeperOn = false;
    const s = this.spec.offlineSpells;
    const r = this.rng.fork(`drive-spell:${t0}`);
    if (s && r.chance(s.driveChance)) {
      const from = t0 + r.float(2, 8) * MIN;
      this.spell = { from, to: from + r.float(s.minutes[0], s.minutes[1]) * MIN, kind: 'drive' };
    }
  }

  #arrive(v: VehicleSim): void {
    if (this.spell?.kind === 'drive') this.spell = null;
    const k = this.spec.climateKeeper;
    const place = v.placeId !== null ? v.places.get(v.placeId) : undefined;
    this.keeperOn = !!k && !!place && k.at.includes(place.kind) && this.rng.fork(`keeper:${v.arrivedAt}`).chance(k.chance);
  }

  /** A charging session may lose signal partway (underground car park), drawn once it first draws power; unplugging ends it. */
  #followPlug(v: VehicleSim): void {
    const session = v.plug?.session;
    if (!session) {
      if (this.spell?.kind === 'charge') this.spell = null;
      return;
    }
    const s = this.spec.offlineSpells;
    if (!s || session.id === this.#sessionId || session.firstPowerAt === null) return;
    this.#sessionId = session.id;
    const r = this.rng.fork(`charge-spell:${session.firstPowerAt}`);
    if (r.chance(s.chargeChance)) {
      const from = session.firstPowerAt + r.float(5, 25) * MIN;
      this.spell = { from, to: from + r.float(s.minutes[0], s.minutes[1]) * MIN, kind: 'charge' };
    }
  }
}
