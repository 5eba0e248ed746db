import type { SimState } from '../context';
import { reportedState } from '../vehicle/connectivity';
import type { VehicleSim } from '../vehicle/vehicle-model';
import { offsetMinutes } from '../time-zone';

/** Vehicle state as the API reports it (with the optional "offline while asleep" quirk). */
export function apiState(sim: SimState, v: VehicleSim): 'online' | 'asleep' | 'offline' {
  const s = reportedState(v);
  return s === 'asleep' && sim.api.reportOfflineWhenAsleep ? 'offline' : s;
}

/** Vehicle object of /vehicles, /vehicles/{vin}, wake_up (§3.1). Ids are bigint → bare JSON integers. */
export function vehicleSummary(sim: SimState, v: VehicleSim) {
  return {
    id: BigInt(v.spec.idS),
    vehicle_id: BigInt(v.spec.vehicleId),
    vin: v.vin,
    color: null,
    access_type: 'OWNER',
    display_name: v.spec.displayName,
    option_codes: null,
    granular_access: { hide_private: false },
    tokens: null,
    state: apiState(sim, v),
    in_service: false,
    id_s: v.spec.idS,
    calendar_enabled: true,
    api_version: 81,
    backseat_token: null,
    backseat_token_updated_at: null,
    ble_autopair_enrolled: false,
  };
}

export function vehicleConfig(v: VehicleSim, now: number, tz: string) {
  return {
    car_type: v.spec.carType,
    car_special_type: 'base',
    trim_badging: v.spec.trimBadging,
    exterior_color: v.spec.exteriorColor,
    exterior_trim: 'Black',
    interior_trim_type: 'Black2',
    wheel_type: v.spec.wheelType,
    roof_color: 'RoofColorGlass',
    charge_port_type: v.spec.euVehicle ? 'CCS' : 'US',
    eu_vehicle: v.spec.euVehicle,
    rhd: false,
    motorized_charge_port: true,
    plg: true,
    pws: true,
    third_row_seats: 'None',
    utc_offset: offsetMinutes(tz, now) * 60,
    timestamp: now,
  };
}

/** Vehicle entry of /products: the vehicle object + vehicle_config and signing info (§3.3). */
export function vehicleProduct(sim: SimState, v: VehicleSim, now: number) {
  return {
    ...vehicleSummary(sim, v),
    vehicle_config: vehicleConfig(v, now, sim.scenario.site.timeZone),
    command_signing: 'allowed',
    release_notes_supported: true,
  };
}
