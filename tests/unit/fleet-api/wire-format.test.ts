import { describe, expect, it } from 'vitest';
import {
  FLEET_API_BASE_URLS,
  FleetIdSchema,
  VehicleDataResponseSchema,
  WallConnectorHistoryResponseSchema,
  baseUrlFromOutOfRegion,
  classifyRequest,
  fleetPaths,
  isVehicleUnavailable,
  outOfRegionMessage,
  parseFleetJson,
  regionFromPrefixedToken,
  regionOfHost,
  vehicleDataQuery,
  wallConnectorSessions,
} from '@/lib/fleet-api';

describe('fleet-api wire format helpers', () => {
  it('maps hosts to regions and back out of a 421 message', () => {
    expect(regionOfHost('fleet-api.prd.eu.vn.cloud.tesla.com')).toBe('eu');
    expect(regionOfHost('fleet-api.prd.cn.vn.cloud.tesla.cn:443')).toBe('cn');
    expect(regionOfHost('127.0.0.1:4443')).toBeUndefined();
    expect(baseUrlFromOutOfRegion(outOfRegionMessage('eu'))).toBe(FLEET_API_BASE_URLS.eu);
    expect(regionFromPrefixedToken('NA_abc')).toBe('na');
    expect(regionFromPrefixedToken('abc')).toBeUndefined();
  });

  it("classifies requests into Tesla's billing categories", () => {
    expect(classifyRequest('GET', '/api/1/vehicles/5YJ3E1EA7KF654321/vehicle_data').category).toBe('data');
    expect(classifyRequest('POST', '/api/1/vehicles/5YJ3E1EA7KF654321/wake_up').category).toBe('wake');
    expect(classifyRequest('POST', '/api/1/vehicles/5YJ3E1EA7KF654321/command/charge_start').category).toBe('command');
    expect(classifyRequest('GET', '/api/1/vehicles/5YJ3E1EA7KF654321').category).toBe('state');
    expect(classifyRequest('GET', '/api/1/vehicles').category).toBe('state');
    expect(classifyRequest('GET', '/api/1/energy_sites/1/live_status').category).toBe('energy');
    expect(classifyRequest('GET', '/api/1/dx/charging/history').category).toBe('charging');
    expect(classifyRequest('POST', '/oauth2/v3/token').category).toBe('auth');
  });

  it('keeps 64-bit ids beyond 2^53 exact with parseFleetJson', () => {
    const text = '{"response":[{"id":12345678901234567,"id_s":"12345678901234567","vehicle_id":1600000888}]}';
    expect(String((JSON.parse(text) as { response: { id: number }[] }).response[0]?.id)).not.toBe('12345678901234567');
    const parsed = parseFleetJson(text) as { response: { id: unknown; vehicle_id: unknown }[] };
    expect(parsed.response[0]?.id).toBe('12345678901234567');
    expect(parsed.response[0]?.vehicle_id).toBe(1600000888);
    expect(FleetIdSchema.safeParse('12345678901234567').success).toBe(true);
    expect(FleetIdSchema.safeParse(1.5).success).toBe(false);
  });

  it('builds paths and the endpoints query', () => {
    expect(fleetPaths.vehicleData('X')).toBe('/api/1/vehicles/X/vehicle_data');
    expect(vehicleDataQuery(['charge_state', 'location_data'])).toBe('endpoints=charge_state%3Blocation_data');
  });

  it('tolerates both [U] variants of the Wall Connector history key', () => {
    const session = { charge_start_time: { seconds: 1 }, charge_duration: { seconds: 60 }, energy_added_wh: 500 };
    for (const body of [{ response: { charge_history: [session] } }, { response: { time_series: [session] } }]) {
      const parsed = WallConnectorHistoryResponseSchema.parse(body);
      expect(wallConnectorSessions(parsed.response)).toHaveLength(1);
    }
    expect(WallConnectorHistoryResponseSchema.safeParse({ response: {} }).success).toBe(false);
  });

  it('reads a junk minutes_to_full_charge as null and spots vehicle-unavailable errors', () => {
    const base = { id: 1, id_s: '1', vin: '5YJ3E1EA7KF654321', state: 'online' };
    const parsed = VehicleDataResponseSchema.parse({
      response: {
        ...base,
        charge_state: {
          battery_level: 50,
          usable_battery_level: 50,
          battery_range: 100,
          est_battery_range: 90,
          ideal_battery_range: 100,
          charging_state: 'Disconnected',
          charge_limit_soc: 80,
          charge_energy_added: 0,
          charger_power: 0,
          charger_voltage: 0,
          charger_actual_current: 0,
          charger_phases: null,
          charge_rate: 0,
          time_to_full_charge: 0,
          minutes_to_full_charge: 'junk',
          fast_charger_present: false,
          timestamp: 1_767_268_800_123,
        },
      },
    });
    expect(parsed.response.charge_state?.minutes_to_full_charge).toBeNull();
    expect(isVehicleUnavailable({ error: 'vehicle unavailable: vehicle is offline or asleep' })).toBe(true);
    expect(isVehicleUnavailable({ error: 'not_found' })).toBe(false);
  });
});
