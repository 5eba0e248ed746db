import type { ChargingState } from '@/lib/fleet-api/schemas/vehicle-data';
import type { TrueCharge } from '../ground-truth';
import type { PlaceSpec } from '../scenario-types';
import { localParts } from '../time-zone';
import { markActive, wake } from './connectivity';
import { AC_EFFICIENCY, DC_EFFICIENCY, acWallKw, dcStallKw } from './physics';
import type { VehicleSim } from './vehicle-model';

/**
 * Charging state machine. Plug-in → Starting (one step, no power) → Charging → Complete at the
 * target SoC; Stopped while a scheduled start is pending; NoPower while the EVSE gives nothing
 * (tripped breaker, grid outage at home). `charge_energy_added` (kWh into the battery) resets when
 * a session first starts, counts up while charging and is kept after Complete and after unplug.
 */
export interface Plug {
  kind: 'home' | 'supercharger';
  place: PlaceSpec;
  din: string | null;
  session: TrueCharge;
  noPowerUntil: number;
  scheduledAt: number | null;
  targetSoc: number;
}

/** Next instant at local minute `m`, or now when plugged in within 5 h after it (late plug-ins start at once). */
function scheduledStart(v: VehicleSim, t: number, m: number): number {
  const p = localParts(v.tz, t);
  const since = (p.minuteOfDay - m + 1440) % 1440;
  return since < 5 * 60 ? t : t + (1440 - since) * 60_000;
}

export function plugIn(v: VehicleSim, place: PlaceSpec, t: number, targetSoc: number): void {
  const home = place.kind === 'home';
  const hc = v.spec.homeCharging;
  const session: TrueCharge = {
    id: v.gt.nextId(),
    vin: v.vin,
    kind: home ? 'home_ac' : 'supercharger',
    placeId: place.id,
    din: home ? hc.wallConnectorDin : null,
    pluggedAt: t,
    unpluggedAt: null,
    firstPowerAt: null,
    lastPowerAt: null,
    startSoc: v.socPct(),
    endSoc: v.socPct(),
    energyFromWallKwh: 0,
    energyIntoBatteryKwh: 0,
    maxPowerKw: 0,
    endState: null,
    homeSplit: home ? { solarKwh: 0, batteryKwh: 0, gridKwh: 0 } : null,
    fee: null,
  };
  v.gt.charges.push(session);
  const noPower = home && v.rng.chance(hc.noPowerChance ?? 0) ? t + v.rng.float(20, 90) * 60_000 : t;
  const scheduledAt = home && hc.scheduledStartMinutes !== undefined ? scheduledStart(v, t, hc.scheduledStartMinutes) : null;
  v.plug = {
    kind: session.kind === 'home_ac' ? 'home' : 'supercharger',
    place,
    din: session.din,
    session,
    noPowerUntil: noPower,
    scheduledAt,
    targetSoc,
  };
  v.chargingState =
    v.socPct() >= targetSoc ? 'Complete' : noPower > t ? 'NoPower' : scheduledAt !== null && scheduledAt > t ? 'Stopped' : 'Starting';
  wake(v, t, 'charge');
}

export function unplug(v: VehicleSim, t: number): void {
  const plug = v.plug;
  if (!plug) return;
  const s = plug.session;
  s.unpluggedAt = t;
  s.endState = v.chargingState;
  s.endSoc = v.socPct();
  const sc = plug.place.supercharger;
  if (sc)
    s.fee = { currency: sc.currency, pricePerKwh: sc.pricePerKwh, amount: Math.round(s.energyFromWallKwh * sc.pricePerKwh * 100) / 100 };
  v.plug = null;
  v.chargingState = 'Disconnected';
  v.setChargerOutputs(0, 0, 0, null);
  markActive(v, t);
}

function transition(v: VehicleSim, to: ChargingState, t: number): void {
  v.chargingState = to;
  if (to === 'Starting' || to === 'Charging') wake(v, t, 'charge');
  if (to === 'Complete') markActive(v, t);
}

/** One step of a plugged-in, parked car ending at `t`. Returns wall power (W, step average). */
export function chargeStep(v: VehicleSim, t: number, dtS: number, homePowered: boolean, tempC: number): number {
  const plug = v.plug;
  if (!plug) return 0;
  const home = plug.kind === 'home';
  const powered = !home || homePowered;
  v.setChargerOutputs(0, 0, 0, null);
  switch (v.chargingState) {
    case 'NoPower':
      if (powered && plug.noPowerUntil <= t) transition(v, plug.scheduledAt !== null && plug.scheduledAt > t ? 'Stopped' : 'Starting', t);
      return 0;
    case 'Stopped':
      if (plug.scheduledAt !== null && plug.scheduledAt <= t) transition(v, 'Starting', t);
      return 0;
    case 'Starting':
      if (plug.session.firstPowerAt === null) {
        v.chargeEnergyAddedKwh = 0;
        v.chargeMilesAdded = 0;
      }
      transition(v, powered ? 'Charging' : 'NoPower', t);
      return 0;
    case 'Charging':
      break;
    default:
      return 0;
  }
  if (!powered) {
    transition(v, 'NoPower', t);
    return 0;
  }
  const hc = v.spec.homeCharging;
  const soc = v.socPct();
  const wallKw = home
    ? acWallKw((hc.volts * hc.amps * hc.phases) / 1000, v.spec.maxAcKw, soc)
    : dcStallKw(v.spec.maxDcKw, plug.place.supercharger?.maxKw ?? 250, soc, tempC);
  const eff = home ? AC_EFFICIENCY : DC_EFFICIENCY;
  const hours = dtS / 3600;
  const room = Math.max(0, (plug.targetSoc / 100) * v.spec.capacityKwh - v.soeKwh);
  const full = wallKw * eff * hours;
  const frac = full > room ? room / full : 1;
  const intoBattery = full * frac;
  const fromWall = wallKw * hours * frac;
  v.soeKwh += intoBattery;
  v.chargeEnergyAddedKwh += intoBattery;
  v.chargeMilesAdded += (intoBattery / v.spec.capacityKwh) * v.spec.ratedRangeMiles;
  v.gt.energyOf(v.vin).chargedKwh += intoBattery;
  const s = plug.session;
  s.firstPowerAt ??= t - dtS * 1000;
  s.lastPowerAt = Math.round(t - dtS * 1000 * (1 - frac));
  s.energyFromWallKwh += fromWall;
  s.energyIntoBatteryKwh = v.chargeEnergyAddedKwh;
  s.maxPowerKw = Math.max(s.maxPowerKw, wallKw);
  s.endSoc = v.socPct();
  if (home) v.setChargerOutputs(wallKw, hc.volts, hc.amps, hc.phases);
  else v.setChargerOutputs(wallKw, 390, 0, null);
  if (frac < 1) {
    transition(v, 'Complete', t);
    v.setChargerOutputs(0, 0, 0, null);
  }
  return (fromWall / hours) * 1000 * (home ? 1 : 0);
}
