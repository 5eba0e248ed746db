/**
 * Simulator speed. Run: npx tsx bench/simulator.bench.ts
 * Prints `name: value unit` lines. Acceptance: 30 simulated days of `commuter` < 10 s wall.
 */
import { createSimulator, createSimulatorFetch, type ScenarioName } from '@/lib/simulator';

const DAY = 86_400_000;

function advanceMs(scenario: ScenarioName, days: number): number {
  const sim = createSimulator({ scenario, seed: 1 });
  const t0 = performance.now();
  sim.advanceBy(days * DAY);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

advanceMs('commuter', 2); // warm-up (JIT, Intl caches)
const commuter30 = median([1, 2, 3].map(() => advanceMs('commuter', 30)));
console.log(`commuter_30d_advance: ${commuter30.toFixed(0)} ms`);
console.log(`two_cars_30d_advance: ${advanceMs('two-cars', 30).toFixed(0)} ms`);
console.log(`solar_home_30d_advance: ${advanceMs('solar-home', 30).toFixed(0)} ms`);
const commuter365 = advanceMs('commuter', 365);
console.log(`commuter_365d_advance: ${commuter365.toFixed(0)} ms`);
console.log(`commuter_sim_speedup: ${((365 * DAY) / commuter365).toExponential(2)} x`);

const sim = createSimulator({ scenario: 'commuter', seed: 1 });
sim.advanceBy(DAY / 2);
const fetch = createSimulatorFetch(sim);
const { access_token } = sim.issueTokens();
const headers = { authorization: `Bearer ${access_token}` };
const vin = sim.scenario.vehicles[0]?.vin ?? '';
const site = sim.scenario.site.energySiteId;
const N = 2000;
let t0 = performance.now();
for (let i = 0; i < N; i++) await fetch(`${sim.baseUrl}/api/1/vehicles/${vin}`, { headers });
console.log(`vehicle_state_requests: ${(N / ((performance.now() - t0) / 1000)).toFixed(0)} req/s`);
t0 = performance.now();
for (let i = 0; i < N; i++) await fetch(`${sim.baseUrl}/api/1/energy_sites/${site}/live_status`, { headers });
console.log(`live_status_requests: ${(N / ((performance.now() - t0) / 1000)).toFixed(0)} req/s`);
const sim30 = createSimulator({ scenario: 'solar-home', seed: 1 });
sim30.advanceBy(30 * DAY);
const f30 = createSimulatorFetch(sim30);
const h30 = { authorization: `Bearer ${sim30.issueTokens().access_token}` };
t0 = performance.now();
await f30(`${sim30.baseUrl}/api/1/energy_sites/${sim30.scenario.site.energySiteId}/calendar_history?kind=energy&period=month`, {
  headers: h30,
});
console.log(`calendar_history_month: ${(performance.now() - t0).toFixed(1)} ms`);
