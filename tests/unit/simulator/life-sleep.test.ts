import { describe, expect, it } from 'vitest';
import { AWAKE_REASONS, awakeSummary, commuter, createSimulator, realLife, type Scenario } from '@/lib/simulator';
import { DAY, MIN, parked, setup } from './helpers';

/**
 * Issue 14, part 1: per-car sleep timers, lingering online, and what requests do to sleep. A real
 * car sleeps only after its own quiet minutes with no reason and no data request: vehicle_data
 * resets the timer, the free state checks do not (TeslaMate issue 111: a 20-minute re-check keeps
 * a car with a longer timer awake forever).
 */
const slow: Scenario = {
  ...parked(commuter, { sleepAfterMinutes: 30 }),
  vehicles: parked(commuter, { sleepAfterMinutes: 30 }).vehicles.map((v) => ({ ...v, life: { lingerMinutes: [0, 10] as const } })),
};
const vin = commuter.vehicles[0]?.vin ?? '';

describe('sleep timers and lingering online', () => {
  it('the slow sleeper (30 min + up to 10 lingering) still falls asleep with no requests', () => {
    const sim = createSimulator({ scenario: slow, seed: 1 });
    const start = sim.now();
    sim.advanceBy(DAY);
    const gt = sim.groundTruth();
    expect(gt.sleeps).toHaveLength(1);
    const asleepAfter = gt.sleeps[0]!.start - start;
    expect(asleepAfter).toBeGreaterThanOrEqual(30 * MIN);
    expect(asleepAfter).toBeLessThanOrEqual(40 * MIN);
    expect(gt.awake).toEqual([{ vin, start, end: gt.sleeps[0]!.start, reason: 'idle' }]);
  });

  it('a vehicle_data request every 20 minutes keeps it awake all day; the stretch is the client’s (api)', async () => {
    const { sim, call } = setup({ scenario: slow, seed: 1 });
    const start = sim.now();
    for (let t = 0; t < DAY; t += 20 * MIN) {
      sim.advanceBy(20 * MIN);
      expect((await call(`/api/1/vehicles/${vin}/vehicle_data?endpoints=charge_state`)).status).toBe(200);
    }
    const gt = sim.groundTruth();
    expect(gt.sleeps).toHaveLength(0);
    const summary = awakeSummary(gt, start, sim.now()).get(vin)!;
    expect(summary.asleepMs).toBe(0);
    expect(summary.byReason.api).toBeGreaterThan(20 * 60 * MIN);
    const alone = awakeSummary(sim.groundTruthWithoutSync(), start, sim.now()).get(vin)!;
    expect(alone.asleepMs).toBeGreaterThan(23 * 60 * MIN);
  });

  it('free state checks every 5 minutes leave its sleep exactly as with no requests', async () => {
    const { sim, call } = setup({ scenario: slow, seed: 1 });
    for (let t = 0; t < DAY; t += 5 * MIN) {
      sim.advanceBy(5 * MIN);
      expect((await call(`/api/1/vehicles/${vin}`)).status).toBe(200);
      expect((await call('/api/1/vehicles')).status).toBe(200);
    }
    const gt = sim.groundTruth();
    const alone = sim.groundTruthWithoutSync();
    expect(gt.sleeps).toEqual(alone.sleeps);
    expect(gt.awake).toEqual(alone.awake);
  });

  it('a 15-minute car polled every 20 minutes sleeps between polls (408s do not wake it)', async () => {
    const { sim, call } = setup({ scenario: parked(commuter), seed: 1 });
    const statuses: number[] = [];
    for (let t = 0; t < 6 * 60 * MIN; t += 20 * MIN) {
      sim.advanceBy(20 * MIN);
      statuses.push((await call(`/api/1/vehicles/${vin}/vehicle_data?endpoints=charge_state`)).status);
    }
    expect(statuses.every((s) => s === 408)).toBe(true);
    expect(sim.groundTruth().sleeps).toHaveLength(1);
  });
});

describe('the real-life scenario (two cars, solar home, 90 days)', () => {
  const sim = createSimulator({ scenario: 'real-life', seed: 1 });
  const start = sim.now();
  sim.advanceBy(90 * DAY);
  const gt = sim.groundTruth();
  const summary = awakeSummary(gt, start, sim.now());
  const [dusty, pebble] = realLife.vehicles.map((v) => summary.get(v.vin)!);

  it('has every own awake reason, and no client ones without a client', () => {
    const seen = new Set(gt.awake.map((a) => a.reason));
    for (const r of AWAKE_REASONS.filter((r) => r !== 'api')) expect(seen.has(r), r).toBe(true);
    expect(seen.has('api')).toBe(false);
    expect(gt.wakes.filter((w) => w.cause === 'api')).toHaveLength(0);
  });

  it('accounts for every minute of each car: asleep or awake for one reason', () => {
    for (const s of [dusty, pebble]) {
      expect(s!.asleepMs + s!.awakeMs).toBe(90 * DAY);
      const sorted = s!.stretches.slice().sort((a, b) => a.start - b.start);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
    }
  });

  it('the slow sleeper idles 30–45 minutes before each sleep, the other 15', () => {
    for (const [spec, min, max] of [
      [realLife.vehicles[0]!, 30, 45],
      [realLife.vehicles[1]!, 15, 15],
    ] as const) {
      const quiet = gt.sleeps
        .filter((s) => s.vin === spec.vin && s.start > start)
        .map((s) => gt.awake.find((a) => a.vin === spec.vin && a.end === s.start))
        .filter((a) => a?.reason === 'idle' && a.start > start);
      expect(quiet.length).toBeGreaterThan(100);
      // The idle tail runs from the car's last activity: at most its timer plus lingering.
      for (const a of quiet) expect((a!.end - a!.start) / MIN).toBeLessThanOrEqual(max);
      expect(Math.max(...quiet.map((a) => (a!.end - a!.start) / MIN))).toBeGreaterThanOrEqual(min);
    }
  });

  it('both cars sleep most nights and install both updates', () => {
    expect(dusty!.asleepMs).toBeGreaterThan(30 * DAY);
    expect(pebble!.asleepMs).toBeGreaterThan(60 * DAY);
    for (const v of realLife.vehicles) {
      expect(gt.awake.filter((a) => a.vin === v.vin && a.reason === 'update_install')).toHaveLength(2);
    }
    expect(sim.groundTruthWithoutSync()).toEqual(gt);
  });
});
