import type { ChargingSessionRow } from '@/db/queries/charging';
import type { DriveRow } from '@/db/queries/drives';
import { describeRule, type AttributionRule } from '@/lib/stats';
import { iso } from './dates';

const minutesBetween = (from: Date, to: Date | null) => (to ? Math.round((to.getTime() - from.getTime()) / 60_000) : null);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * A charging session. `split` is the home charge's origin (solarKwh + batteryKwh + gridKwh =
 * energyUsedKwh, or energyAddedKwh where used is unknown); null away from home or before
 * attribution. `cost.amount` is after the solar credit; `amountWithoutSolar` as if all from the grid;
 * both are of `cost.pricedKwh`, energy from the wall as `cost.basis` knows it (`wall_connector`,
 * `supercharger` billed kWh, `car_measured`, or `estimated`: energy added ÷ a typical efficiency).
 */
export function chargingSessionJson(s: ChargingSessionRow) {
  return {
    id: s.id,
    vehicleId: s.vehicleId,
    vin: s.vin,
    vehicleName: s.vehicleName,
    source: s.source,
    startedAt: iso(s.startedAt),
    endedAt: iso(s.endedAt),
    durationMinutes: minutesBetween(s.startedAt, s.endedAt),
    startBatteryLevelPercent: s.startBatteryLevel,
    endBatteryLevelPercent: s.endBatteryLevel,
    energyAddedKwh: s.energyAddedKwh,
    energyUsedKwh: s.energyUsedKwh,
    chargeRateKw: s.chargeRateKw,
    peakPowerKw: s.peakPowerKw,
    chargerType: s.chargerType,
    location: { id: s.locationId, name: s.locationName, latitude: s.latitude, longitude: s.longitude },
    cost:
      s.cost === null
        ? null
        : {
            amount: s.cost,
            amountWithoutSolar: s.costWithoutSolar,
            currency: s.costCurrency,
            pricedKwh: s.pricedKwh,
            basis: s.pricingBasis,
          },
    split: splitJson(s),
  };
}

function splitJson(s: ChargingSessionRow) {
  if (s.solarKwh === null || s.batteryKwh === null || s.gridKwh === null) return null;
  return {
    solarKwh: s.solarKwh,
    batteryKwh: s.batteryKwh,
    gridKwh: s.gridKwh,
    /** Direct solar plus the solar part of Powerwall energy, as % of the session's energy. */
    solarPercentage: s.solarPercentage,
    attributionRule: s.attributionRule,
    /** Length (minutes) of the site's history buckets the split was made from: 5, or 60 / 1440 when Tesla sent coarser ones. */
    bucketMinutes: s.splitBucketMinutes,
  };
}

/** The session's split with the Powerwall's solar part worked out and the attribution rule explained. */
export function splitDetailJson(s: ChargingSessionRow) {
  const base = splitJson(s);
  if (!base) return null;
  const total = base.solarKwh + base.batteryKwh + base.gridKwh;
  const solarShareKwh = base.solarPercentage === null ? null : round((total * base.solarPercentage) / 100, 3);
  const batterySolarKwh = solarShareKwh === null ? null : round(Math.min(base.batteryKwh, Math.max(0, solarShareKwh - base.solarKwh)), 3);
  const fraction = batterySolarKwh !== null && base.batteryKwh > 0 ? batterySolarKwh / base.batteryKwh : null;
  const rule = isRule(s.attributionRule) ? s.attributionRule : null;
  return {
    ...base,
    totalKwh: round(total, 3),
    solarShareKwh,
    batterySolarKwh,
    batteryGridKwh: batterySolarKwh === null ? null : round(base.batteryKwh - batterySolarKwh, 3),
    statement: rule ? describeRule(rule, fraction) : null,
  };
}

const isRule = (r: string | null): r is AttributionRule => r === 'house_first' || r === 'car_first' || r === 'proportional';

/** A drive; efficiency = energy ÷ distance in Wh/km (null when either is unknown or the distance is 0). */
export function driveJson(d: DriveRow) {
  const efficiency = d.energyUsedKwh !== null && d.distanceKm ? Math.round((d.energyUsedKwh * 1000) / d.distanceKm) : null;
  return {
    id: d.id,
    vehicleId: d.vehicleId,
    vin: d.vin,
    driver: d.driverId ? { id: d.driverId, name: d.driverName, assignment: d.driverAssignment } : null,
    startedAt: iso(d.startedAt),
    endedAt: iso(d.endedAt),
    durationMinutes: minutesBetween(d.startedAt, d.endedAt),
    distanceKm: d.distanceKm,
    startOdometerKm: d.startOdometerKm,
    endOdometerKm: d.endOdometerKm,
    startBatteryLevelPercent: d.startBatteryLevel,
    endBatteryLevelPercent: d.endBatteryLevel,
    energyUsedKwh: d.energyUsedKwh,
    efficiencyWhPerKm: efficiency,
    start: { place: d.startPlace, locationId: d.startLocationId, latitude: d.startLatitude, longitude: d.startLongitude },
    end: { place: d.endPlace, locationId: d.endLocationId, latitude: d.endLatitude, longitude: d.endLongitude },
    maxSpeedKmh: d.maxSpeedKmh,
    outsideTempAvgC: d.outsideTempAvgC,
    inferred: d.inferred,
  };
}
