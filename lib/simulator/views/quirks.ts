import type { ApiOptions } from '../options';

/**
 * Real-world payload quirks of `vehicle_data` (ApiOptions switches, all off by default; the facts and
 * their sources are in tests/fixtures/real/README.md). Applied to a finished body, so the documented
 * view stays readable on its own. Deterministic: which answers get a junk value depends only on the
 * VIN and the time, never on a random stream (the world and the other answers stay the same).
 */
type Body = Record<string, unknown>;
type Quirks = Pick<
  ApiOptions,
  'vehicleNameOnlyInVehicleState' | 'unpluggedChargerNulls' | 'emptyFastChargerBrand' | 'omitBmsFields' | 'junkFieldEvery'
>;

const section = (body: Body, key: string): Body | undefined => {
  const s = body[key];
  return s !== null && typeof s === 'object' ? (s as Body) : undefined;
};

/** A small stable hash of the VIN: spreads the junk answers of several cars over different ticks. */
function vinHash(vin: string): number {
  let h = 0;
  for (const c of vin) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

export function applyVehicleDataQuirks(api: Quirks, body: Body, vin: string, now: number): Body {
  if (api.vehicleNameOnlyInVehicleState) {
    // Fleet-era answers leave display_name out; the name is vehicle_state.vehicle_name (HA tesla_fleet
    // vehicle_data.json, teslatte HTLC 2023-10).
    delete body.display_name;
  }
  const charge = section(body, 'charge_state');
  if (charge) {
    const plugged = charge.charging_state !== 'Disconnected';
    if (api.unpluggedChargerNulls && !plugged) {
      // teslatte HTLC 2023-10-19 (firmware 2022.8): unplugged, every charger reading is null.
      for (const k of ['charger_power', 'charger_voltage', 'charger_actual_current', 'charger_pilot_current', 'charger_phases'])
        charge[k] = null;
      charge.fast_charger_present = null;
      charge.charge_port_door_open = null;
      charge.trip_charging = null;
    }
    // 2023.38 and later: an empty brand instead of '<invalid>' off DC (teslatte gak 2023-11-11, HA tessie online.json).
    if (api.emptyFastChargerBrand && charge.fast_charger_brand === '<invalid>') charge.fast_charger_brand = '';
    if (api.omitBmsFields === 'always' || (api.omitBmsFields === 'some-cars' && vinHash(vin) % 2 === 1)) {
      // 2024.44 (HA teslemetry vehicle_data.json): the BMS fields are not always sent.
      for (const k of ['energy_remaining', 'lifetime_energy_used', 'module_temp_min', 'module_temp_max']) delete charge[k];
    }
  }
  const every = api.junkFieldEvery;
  if (every > 0 && Math.floor(now / 60_000 + vinHash(vin)) % every === 0) {
    // One answer in `every` (by the minute) carries junk in readings the app does not need:
    // temperatures and tyre pressures null (teslatte HTLC 2023-10-19) and a number sent as a
    // string (HA tesla_fleet vehicle_data_alt.json: minutes_to_full_charge 'bad value').
    const climate = section(body, 'climate_state');
    if (climate) {
      climate.inside_temp = null;
      climate.outside_temp = null;
    }
    const state = section(body, 'vehicle_state');
    if (state) for (const k of ['tpms_pressure_fl', 'tpms_pressure_fr', 'tpms_pressure_rl', 'tpms_pressure_rr']) state[k] = null;
    if (charge) charge.minutes_to_full_charge = 'bad value';
  }
  return body;
}
