import type { VehicleDataEndpoint } from '@/lib/fleet-api/paths';
import type { SimState } from '../context';
import { AC_EFFICIENCY, DC_EFFICIENCY } from '../vehicle/physics';
import type { VehicleSim } from '../vehicle/vehicle-model';
import { applyLifeFields } from './life-fields';
import { applyVehicleDataQuirks } from './quirks';
import { vehicleConfig, vehicleSummary } from './vehicle-view';

/**
 * vehicle_data body (§3.6): the vehicle object + `user_id` + requested sub-objects, each with its
 * own epoch-ms `timestamp`. Units: miles, mph, °C, bar, kW, kWh. Location fields appear in
 * drive_state only with `location_data` and the `vehicle_location` scope.
 */
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

const DEFAULT_BUNDLE: VehicleDataEndpoint[] = [
  'charge_state',
  'climate_state',
  'drive_state',
  'gui_settings',
  'vehicle_config',
  'vehicle_state',
];

function chargeState(v: VehicleSim, now: number, tempC: number, combo: boolean) {
  const s = v.spec;
  const soc = v.socPct();
  const level = Math.max(0, Math.min(100, Math.round(soc)));
  const ratedRange = r2((soc / 100) * s.ratedRangeMiles);
  const ratedWhPerMile = (s.capacityKwh * 1000) / s.ratedRangeMiles;
  const plug = v.plug;
  const dc = plug?.kind === 'supercharger';
  const charging = v.chargingState === 'Charging';
  const batteryKw = charging ? v.chargerPowerKw * (dc ? DC_EFFICIENCY : AC_EFFICIENCY) : 0;
  const target = plug?.targetSoc ?? s.chargeLimitSoc;
  const hoursToFull = batteryKw > 0 ? Math.max(0, ((target - soc) / 100) * s.capacityKwh) / batteryKw : 0;
  const hc = s.homeCharging;
  const scheduledAt = plug?.scheduledAt ?? null;
  return {
    battery_level: level,
    usable_battery_level: Math.max(0, level - (tempC < 0 ? 2 : tempC < 5 ? 1 : 0)),
    battery_range: ratedRange,
    est_battery_range: r2(ratedRange * Math.min(1.15, Math.max(0.6, ratedWhPerMile / v.whPerMileEma))),
    ideal_battery_range: ratedRange,
    charging_state: v.chargingState,
    charge_limit_soc: s.chargeLimitSoc,
    charge_limit_soc_min: 50,
    charge_limit_soc_max: 100,
    charge_limit_soc_std: 80,
    charge_energy_added: r2(v.chargeEnergyAddedKwh),
    charge_miles_added_rated: r1(v.chargeMilesAdded),
    charge_miles_added_ideal: r1(v.chargeMilesAdded),
    charger_power: Math.round(v.chargerPowerKw),
    charger_voltage: charging ? Math.round(v.chargerVoltage + (dc ? 0 : (now % 5) - 2)) : plug && !dc ? 2 : 0,
    charger_actual_current: charging && !dc ? v.chargerCurrent : 0,
    charger_pilot_current: plug && !dc ? hc.amps : 0,
    charger_phases: charging ? v.chargerPhases : null,
    charge_current_request: hc.amps,
    charge_current_request_max: hc.amps,
    charge_amps: hc.amps,
    charge_rate: r1(batteryKw > 0 ? (batteryKw * 1000) / ratedWhPerMile : 0),
    time_to_full_charge: r2(hoursToFull),
    minutes_to_full_charge: Math.round(hoursToFull * 60),
    fast_charger_present: dc,
    fast_charger_type: dc ? (combo ? 'Combo' : 'Supercharger') : plug ? 'ACSingleWireCAN' : '<invalid>',
    fast_charger_brand: dc ? 'Tesla' : '<invalid>',
    conn_charge_cable: plug ? (s.euVehicle ? 'IEC' : 'SAE') : '<invalid>',
    charge_port_door_open: plug !== null,
    charge_port_latch: plug ? 'Engaged' : 'Disengaged',
    charge_port_cold_weather_mode: false,
    charge_enable_request: true,
    user_charge_enable_request: null,
    scheduled_charging_mode: hc.scheduledStartMinutes !== undefined ? 'StartAt' : 'Off',
    scheduled_charging_pending: v.chargingState === 'Stopped' && scheduledAt !== null && scheduledAt > now,
    scheduled_charging_start_time: scheduledAt !== null && scheduledAt > now ? Math.floor(scheduledAt / 1000) : null,
    scheduled_charging_start_time_app: hc.scheduledStartMinutes ?? 0,
    battery_heater_on: false,
    not_enough_power_to_heat: null,
    trip_charging: dc,
    energy_remaining: r2(v.soeKwh),
    lifetime_energy_used: r1(v.lifetimeEnergyUsedKwh),
    module_temp_min: r1(tempC + 6),
    module_temp_max: r1(tempC + 8),
    timestamp: now,
  };
}

function driveState(v: VehicleSim, now: number, withLocation: boolean) {
  const driving = v.trip !== null;
  const base: Record<string, unknown> = {
    power: v.drivePowerKw,
    shift_state: driving ? 'D' : null,
    speed: driving ? v.speedMph : null,
    timestamp: now,
  };
  if (withLocation) {
    Object.assign(base, {
      latitude: r6(v.lat),
      longitude: r6(v.lon),
      heading: v.heading,
      gps_as_of: Math.floor(now / 1000) - 3,
      native_latitude: r6(v.lat),
      native_longitude: r6(v.lon),
      native_location_supported: 1,
      native_type: 'wgs',
    });
  }
  const trip = v.trip;
  if (trip) {
    const milesLeft = Math.max(0, trip.distance - trip.covered);
    Object.assign(base, {
      active_route_destination: trip.to.name,
      active_route_miles_to_arrival: r2(milesLeft),
      active_route_minutes_to_arrival: r2((milesLeft / Math.max(10, trip.cruise)) * 60),
      active_route_energy_at_arrival: Math.max(
        0,
        Math.round(v.socPct() - ((milesLeft * v.whPerMileEma) / 1000 / v.spec.capacityKwh) * 100),
      ),
      active_route_traffic_minutes_delay: 0,
      ...(withLocation ? { active_route_latitude: r6(trip.to.lat), active_route_longitude: r6(trip.to.lon) } : {}),
    });
  }
  return base;
}
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

function vehicleState(v: VehicleSim, now: number, tempC: number) {
  const tpms = r2(2.9 + (tempC - 15) * 0.01);
  const driving = v.trip !== null;
  return {
    odometer: Math.round(v.odometerMiles * 1e6) / 1e6,
    car_version: v.spec.firmware,
    locked: !driving,
    sentry_mode: false,
    sentry_mode_available: true,
    is_user_present: driving,
    vehicle_name: v.spec.displayName,
    df: 0,
    dr: 0,
    pf: 0,
    pr: 0,
    ft: 0,
    rt: 0,
    fd_window: 0,
    fp_window: 0,
    rd_window: 0,
    rp_window: 0,
    software_update: { download_perc: 0, expected_duration_sec: 2700, install_perc: 1, status: '', version: ' ' },
    tpms_pressure_fl: tpms,
    tpms_pressure_fr: tpms,
    tpms_pressure_rl: r2(tpms + 0.05),
    tpms_pressure_rr: r2(tpms + 0.05),
    valet_mode: false,
    api_version: 81,
    timestamp: now,
  };
}

/** Parses `endpoints` (semicolon-separated, URL-decoded); absent → Tesla's default bundle. */
export function parseEndpoints(raw: string | null): Set<string> {
  if (raw === null || raw.trim() === '') return new Set(DEFAULT_BUNDLE);
  return new Set(
    raw
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

export function vehicleDataBody(sim: SimState, v: VehicleSim, now: number, endpoints: Set<string>, scopes: string[]) {
  const tz = sim.scenario.site.timeZone;
  const tempC = sim.world.weather.temperatureC(now);
  const body: Record<string, unknown> = { ...vehicleSummary(sim, v), user_id: BigInt(sim.scenario.account.userId) };
  const locationScope = scopes.includes('vehicle_location');
  if (endpoints.has('charge_state')) body.charge_state = chargeState(v, now, tempC, sim.api.superchargerReportsCombo);
  if (endpoints.has('climate_state')) {
    const on = v.trip !== null;
    body.climate_state = {
      inside_temp: r1(v.insideTempC),
      outside_temp: r1(tempC),
      driver_temp_setting: 21,
      passenger_temp_setting: 21,
      min_avail_temp: 15,
      max_avail_temp: 28,
      is_climate_on: on,
      is_auto_conditioning_on: on,
      is_preconditioning: false,
      is_front_defroster_on: false,
      is_rear_defroster_on: false,
      fan_status: on ? 3 : 0,
      climate_keeper_mode: 'off',
      cabin_overheat_protection: 'On',
      battery_heater: false,
      timestamp: now,
    };
  }
  const wantsDrive = endpoints.has('drive_state') || endpoints.has('location_data');
  if (wantsDrive && (locationScope || !sim.api.hideDriveStateWithoutLocationScope)) {
    body.drive_state = driveState(v, now, endpoints.has('location_data') && locationScope);
  }
  if (endpoints.has('gui_settings')) {
    const km = v.spec.gui.distance === 'km/hr';
    body.gui_settings = {
      gui_distance_units: v.spec.gui.distance,
      gui_temperature_units: v.spec.gui.temperature,
      gui_charge_rate_units: km ? 'kW' : 'mi/hr',
      gui_range_display: 'Rated',
      gui_tirepressure_units: km ? 'Bar' : 'Psi',
      gui_24_hour_time: km,
      show_range_units: false,
      timestamp: now,
    };
  }
  if (endpoints.has('vehicle_config')) body.vehicle_config = vehicleConfig(v, now, tz);
  if (endpoints.has('vehicle_state')) body.vehicle_state = vehicleState(v, now, tempC);
  if (endpoints.has('charge_schedule_data')) {
    body.charge_schedule_data = {
      charge_schedules: [],
      timestamp: { seconds: Math.floor(now / 1000), nanos: (now % 1000) * 1e6 },
      charge_buffer: 6,
      max_num_charge_schedules: 100,
      next_schedule: false,
      show_schedule_complete_state: true,
    };
  }
  applyLifeFields(v, now, body);
  return applyVehicleDataQuirks(sim.api, body, v.vin, now);
}
