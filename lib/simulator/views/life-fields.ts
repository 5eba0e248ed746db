import { COP_ACTIVATION_C, type LifeState } from '../life/life-state';
import { localParts, localToEpoch } from '../time-zone';
import type { VehicleSim } from '../vehicle/vehicle-model';

/**
 * What the owner habits (issue 14) show in `vehicle_data`, written over the documented view for cars
 * with `life` only (cars without keep their answers byte for byte). Field names, types and values are
 * the real payloads' (tests/fixtures/real; the field lists of Home Assistant tesla_fleet/teslemetry
 * fixtures and TeslaMate/TeslaLogger models):
 * - `vehicle_state.sentry_mode` bool; `car_version` "2024.44.25 06f534d46010"; `software_update`
 *   (see life/software-update.ts).
 * - `climate_state.climate_keeper_mode` 'off' | 'keep' | 'dog' | 'camp' (HA teslemetry fixture
 *   vehicle_data.json has 'keep' with `is_climate_on` true; TeslaPy/pyteslaapi sample payloads 'dog';
 *   'on' is Tessie's own API enum, not Tesla's); `cabin_overheat_protection` 'Off' | 'On' | 'FanOnly',
 *   `cabin_overheat_protection_actively_cooling` bool, `cop_activation_temperature` 'Low' | 'Medium' |
 *   'High' (HA teslemetry fixture, TeslaLogger's ClimateState model); `is_preconditioning` bool.
 * - `charge_state.scheduled_departure_time` epoch s, `scheduled_departure_time_minutes` minutes after
 *   local midnight, `preconditioning_enabled` bool, `preconditioning_times` and `off_peak_charging_times`
 *   ('all_week' in the fixtures; 'weekdays' is the other value, inferred from the
 *   `set_scheduled_departure` command's `preconditioning_weekdays_only`) (fixtures vehicle-data-2022-8
 *   stopped-departby and 2024-44 teslemetry).
 */
type Body = Record<string, unknown>;
const section = (body: Body, key: string): Body | undefined => {
  const s = body[key];
  return s !== null && typeof s === 'object' ? (s as Body) : undefined;
};

/** Next scheduled departure at or after `now` (epoch ms), or null. */
function nextDeparture(v: VehicleSim, life: LifeState, now: number): number | null {
  const dep = life.spec.scheduledDeparture;
  if (!dep) return null;
  for (let d = 0; d < 8; d++) {
    const p = localParts(v.tz, now + d * 86_400_000);
    const at = localToEpoch(v.tz, p.year, p.month, p.day, dep.minutes);
    if (dep.weekdays.includes(p.weekday) && at >= now) return at;
  }
  return null;
}

export function applyLifeFields(v: VehicleSim, now: number, body: Body): void {
  const life = v.life;
  if (!life) return;
  const place = v.trip === null && v.placeId !== null ? v.places.get(v.placeId) : undefined;
  const reason = life.reason;
  const charge = section(body, 'charge_state');
  if (charge) {
    const dep = life.spec.scheduledDeparture;
    const next = nextDeparture(v, life, now);
    const weekdaysOnly = dep !== undefined && dep.weekdays.length === 5 && [1, 2, 3, 4, 5].every((d) => dep.weekdays.includes(d));
    Object.assign(charge, {
      preconditioning_enabled: dep !== undefined,
      preconditioning_times: weekdaysOnly ? 'weekdays' : 'all_week',
      off_peak_charging_enabled: false,
      off_peak_charging_times: 'all_week',
      off_peak_hours_end_time: 360,
      scheduled_departure_time: next !== null ? Math.floor(next / 1000) : 0,
      scheduled_departure_time_minutes: dep?.minutes ?? 0,
    });
  }
  const climate = section(body, 'climate_state');
  if (climate) {
    const precon = reason === 'preconditioning';
    const keeper = life.keeperOn;
    const on = v.trip !== null || precon || keeper;
    const cop = life.spec.cabinOverheat;
    Object.assign(climate, {
      is_climate_on: on,
      is_auto_conditioning_on: on,
      is_preconditioning: precon,
      fan_status: on ? 3 : life.copCooling ? 2 : 0,
      climate_keeper_mode: keeper ? (life.spec.climateKeeper?.mode ?? 'off') : 'off',
      cabin_overheat_protection: cop ? 'On' : 'Off',
      cabin_overheat_protection_actively_cooling: life.copCooling,
      cop_activation_temperature: cop?.activation ?? 'High',
      allow_cabin_overheat_protection: true,
      supports_fan_only_cabin_overheat_protection: true,
    });
    if (cop && life.copCooling) climate.inside_temp = COP_ACTIVATION_C[cop.activation];
  }
  const state = section(body, 'vehicle_state');
  if (state) {
    state.sentry_mode = life.sentryOn;
    if (life.updates) {
      state.car_version = life.updates.carVersion;
      state.software_update = life.updates.view(now, place?.kind === 'home');
    }
  }
}
