import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  BackupHistoryResponseSchema,
  ChargingHistoryResponseSchema,
  EnergyHistoryResponseSchema,
  LiveStatusResponseSchema,
  ProductsResponseSchema,
  SiteInfoResponseSchema,
  UserMeResponseSchema,
  UserRegionResponseSchema,
  VehicleDataResponseSchema,
  VehicleListResponseSchema,
  VehicleResponseSchema,
  WakeUpResponseSchema,
  WallConnectorHistoryResponseSchema,
  FleetErrorBodySchema,
  isEnergyProduct,
  isVehicleProduct,
} from '@/lib/fleet-api';
import { SCENARIOS, type ScenarioName } from '@/lib/simulator';
import { DAY, HOUR, MIN, setup } from './helpers';

/**
 * Acceptance: every endpoint's responses validate against the reference-derived schemas in every
 * scenario across 30 simulated days, sampled every 30 minutes (heavier history calls daily).
 */
function expectValid(schema: z.ZodType, body: unknown, what: string) {
  const r = schema.safeParse(body);
  if (!r.success) throw new Error(`${what}: ${r.error.message}\n${JSON.stringify(body).slice(0, 800)}`);
}

describe.each(Object.keys(SCENARIOS) as ScenarioName[])('schemas over 30 days: %s', (name) => {
  it("validates every endpoint's responses", async () => {
    const { sim, call } = setup({ scenario: name, seed: 7 });
    const site = sim.scenario.site.energySiteId;
    const seenStates = new Set<string>();
    const seenVehicleStates = new Set<string>();
    let dataOk = 0;
    const end = sim.now() + 30 * DAY;
    for (let i = 0; sim.now() < end; i++) {
      sim.advanceBy(30 * MIN);
      const list = await call('/api/1/vehicles');
      expectValid(VehicleListResponseSchema, list.body, 'vehicles');
      expectValid(LiveStatusResponseSchema, (await call(`/api/1/energy_sites/${site}/live_status`)).body, 'live_status');
      for (const v of sim.scenario.vehicles) {
        const one = await call(`/api/1/vehicles/${v.vin}`);
        expectValid(VehicleResponseSchema, one.body, 'vehicle');
        const state = (one.body?.response as { state: string }).state;
        seenVehicleStates.add(state);
        const data = await call(
          `/api/1/vehicles/${v.vin}/vehicle_data?endpoints=${encodeURIComponent('charge_state;climate_state;drive_state;location_data;gui_settings;vehicle_config;vehicle_state')}`,
        );
        if (state === 'online') {
          expect(data.status).toBe(200);
          expectValid(VehicleDataResponseSchema, data.body, 'vehicle_data');
          const cs = (data.body?.response as { charge_state: { charging_state: string } }).charge_state;
          seenStates.add(cs.charging_state);
          dataOk++;
        } else {
          expect(data.status).toBe(408);
          expectValid(FleetErrorBodySchema, data.body, '408 body');
        }
        if (i % 96 === 5)
          expectValid(WakeUpResponseSchema, (await call(`/api/1/vehicles/${v.vin}/wake_up`, { method: 'POST' })).body, 'wake_up');
      }
      if (i % 48 === 47) {
        expectValid(ProductsResponseSchema, (await call('/api/1/products')).body, 'products');
        expectValid(SiteInfoResponseSchema, (await call(`/api/1/energy_sites/${site}/site_info`)).body, 'site_info');
        for (const period of ['day', 'week', 'month', 'year', 'lifetime']) {
          expectValid(
            EnergyHistoryResponseSchema,
            (await call(`/api/1/energy_sites/${site}/calendar_history?kind=energy&period=${period}`)).body,
            `history ${period}`,
          );
        }
        expectValid(BackupHistoryResponseSchema, (await call(`/api/1/energy_sites/${site}/calendar_history?kind=backup`)).body, 'backup');
        const q = new URLSearchParams({
          kind: 'charge',
          start_date: new Date(sim.now() - 30 * DAY).toISOString(),
          end_date: new Date(sim.now()).toISOString(),
        });
        expectValid(
          WallConnectorHistoryResponseSchema,
          (await call(`/api/1/energy_sites/${site}/telemetry_history?${q}`)).body,
          'telemetry_history',
        );
        expectValid(ChargingHistoryResponseSchema, (await call('/api/1/dx/charging/history')).body, 'charging history');
        expectValid(UserMeResponseSchema, (await call('/api/1/users/me')).body, 'me');
        expectValid(UserRegionResponseSchema, (await call('/api/1/users/region')).body, 'region');
      }
    }
    // The run really covered the interesting states, so the validation above meant something.
    expect(dataOk).toBeGreaterThan(50);
    expect(seenVehicleStates).toContain('asleep');
    expect(seenVehicleStates).toContain('online');
    expect(seenStates).toContain('Charging');
    expect(seenStates).toContain('Disconnected');
    const products = ProductsResponseSchema.parse((await call('/api/1/products')).body).response;
    expect(products.filter(isVehicleProduct)).toHaveLength(sim.scenario.vehicles.length);
    expect(products.filter(isEnergyProduct)).toHaveLength(1);
    const month = EnergyHistoryResponseSchema.parse(
      (await call(`/api/1/energy_sites/${site}/calendar_history?kind=energy&period=month`)).body,
    );
    expect(month.response.time_series?.length).toBeGreaterThan(0);
  }, 60_000);
});

it('gives location only with location_data, and drive_state while driving', async () => {
  const { sim, call } = setup({ scenario: 'commuter', seed: 3 });
  const vin = sim.scenario.vehicles[0]?.vin ?? '';
  const withLoc = VehicleDataResponseSchema.parse(
    (await call(`/api/1/vehicles/${vin}/vehicle_data?endpoints=drive_state%3Blocation_data`)).body,
  );
  expect(withLoc.response.drive_state?.latitude).toBeTypeOf('number');
  const without = VehicleDataResponseSchema.parse((await call(`/api/1/vehicles/${vin}/vehicle_data?endpoints=drive_state`)).body);
  expect(without.response.drive_state?.latitude).toBeUndefined();
  expect(without.response.charge_state).toBeUndefined();
  const bundle = VehicleDataResponseSchema.parse((await call(`/api/1/vehicles/${vin}/vehicle_data`)).body);
  expect(bundle.response.charge_state).toBeDefined();
  expect(bundle.response.drive_state?.latitude).toBeUndefined();
  expect(HOUR).toBe(3_600_000);
});
