import { describe, expect, it } from 'vitest';
import { VehicleResponseSchema } from '@/lib/fleet-api';
import { commuter } from '@/lib/simulator';
import { DAY, HOUR, MIN, parked, setup } from './helpers';

const state = async (call: ReturnType<typeof setup>['call'], vin: string) =>
  VehicleResponseSchema.parse((await call(`/api/1/vehicles/${vin}`)).body).response.state;

describe('sleep, wake and offline (reference §3.4–3.5)', () => {
  it('falls asleep ~15 min after its last activity; asleep cars answer 408 to vehicle_data', async () => {
    const { sim, call } = setup({ scenario: parked(commuter), seed: 1 });
    const vin = commuter.vehicles[0]?.vin ?? '';
    const start = sim.now();
    sim.advanceBy(14 * MIN);
    expect(await state(call, vin)).toBe('online');
    sim.advanceBy(2 * MIN);
    expect(await state(call, vin)).toBe('asleep');
    const sleeps = sim.groundTruth().sleeps;
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]?.start).toBe(start + 15 * MIN);
    const data = await call(`/api/1/vehicles/${vin}/vehicle_data`);
    expect(data.status).toBe(408);
    expect(data.body?.error).toBe('vehicle unavailable: vehicle is offline or asleep');
    const [check, fetchData] = sim.ledger.entries().slice(-2);
    expect(check?.usd).toBe(0);
    expect(fetchData?.billable).toBe(true);
    expect(fetchData?.usd).toBe(0.002);
  });

  it('wake_up answers at once and the car comes online 10–60 s later', async () => {
    const { sim, call } = setup({ scenario: parked(commuter), seed: 1 });
    const vin = commuter.vehicles[0]?.vin ?? '';
    sim.advanceBy(HOUR);
    const woke = await call(`/api/1/vehicles/${vin}/wake_up`, { method: 'POST' });
    expect(VehicleResponseSchema.parse(woke.body).response.state).toBe('asleep');
    const requested = sim.now();
    sim.advanceBy(9_000);
    expect(await state(call, vin)).toBe('asleep');
    sim.advanceBy(52_000);
    expect(await state(call, vin)).toBe('online');
    const wake = sim.groundTruth().wakes.at(-1);
    expect(wake?.cause).toBe('api');
    expect(wake?.requestedAt).toBe(requested);
    expect((wake?.at ?? 0) - requested).toBeGreaterThanOrEqual(10_000);
    expect((wake?.at ?? Infinity) - requested).toBeLessThanOrEqual(60_000);
    expect((await call(`/api/1/vehicles/${vin}/vehicle_data`)).status).toBe(200);
    expect(sim.ledger.totals().byCategory.wake.usd).toBe(0.02);
  });

  it('never sleeps while polled every 5 minutes, and sleeps soon after polling stops', async () => {
    const { sim, call } = setup({ scenario: parked(commuter), seed: 1 });
    const vin = commuter.vehicles[0]?.vin ?? '';
    const from = sim.now();
    for (let t = 0; t < DAY; t += 5 * MIN) {
      sim.advanceBy(5 * MIN);
      expect((await call(`/api/1/vehicles/${vin}/vehicle_data?endpoints=charge_state`)).status).toBe(200);
    }
    expect(sim.groundTruth().sleeps.filter((s) => s.start >= from)).toHaveLength(0);
    const drain = sim.groundTruth().vehicleEnergy[vin]?.idleDrainKwh ?? 0;
    expect(drain).toBeGreaterThan(5); // awake all day: the polling trap drains ~6 kWh
    sim.advanceBy(16 * MIN);
    expect(await state(call, vin)).toBe('asleep');
  });

  it('reports offline in a garage without signal, where wake_up cannot help', async () => {
    const noSignal = { ...commuter, places: commuter.places.map((p) => (p.id === 'work' ? { ...p, noSignalChance: 1 } : p)) };
    const { sim, call } = setup({ scenario: noSignal, seed: 1 });
    const vin = commuter.vehicles[0]?.vin ?? '';
    sim.advanceBy(10 * HOUR); // Monday 11:00 in Amsterdam: at work
    expect(await state(call, vin)).toBe('offline');
    await call(`/api/1/vehicles/${vin}/wake_up`, { method: 'POST' });
    sim.advanceBy(2 * MIN);
    expect(await state(call, vin)).toBe('offline');
    expect((await call(`/api/1/vehicles/${vin}/vehicle_data`)).status).toBe(408);
    sim.advanceBy(12 * HOUR);
    const offline = sim.groundTruth().offline;
    expect(offline.length).toBeGreaterThan(0);
    expect(offline[0]?.end).not.toBeNull();
    expect(await state(call, vin)).not.toBe('offline');
  });

  it("can emulate the [U] variants: 503 for asleep cars and 'offline' instead of 'asleep'", async () => {
    const { sim, call } = setup({ scenario: parked(commuter), seed: 1, api: { asleepStatus: 503, reportOfflineWhenAsleep: true } });
    const vin = commuter.vehicles[0]?.vin ?? '';
    sim.advanceBy(HOUR);
    expect(await state(call, vin)).toBe('offline');
    const res = await call(`/api/1/vehicles/${vin}/vehicle_data`);
    expect(res.status).toBe(503);
    expect(sim.ledger.entries().at(-1)?.billable).toBe(false);
  });
});
