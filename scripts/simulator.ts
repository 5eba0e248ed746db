/**
 * Standalone Fleet API simulator on plain HTTP (127.0.0.1), real-time clock.
 *   npx tsx scripts/simulator.ts
 * Env: SIMULATOR_PORT (4443), SIMULATOR_SCENARIO (commuter | two-cars | solar-home | real-life),
 *      SIMULATOR_SEED (1), SIMULATOR_HISTORY_DAYS (30: days of history simulated at start-up),
 *      SIMULATOR_PROFILE (real-world: answers with real Tesla's quirks | documented: as the docs show them).
 * Point the app's Fleet API base URL and token URL at http://127.0.0.1:<port>.
 */
import { REAL_WORLD_API_OPTIONS, RealClock, SCENARIOS, createSimulator, isScenarioName } from '@/lib/simulator';
import { serveSimulator } from '@/lib/simulator/node-server';

const port = Number(process.env.SIMULATOR_PORT ?? 4443);
const scenario = process.env.SIMULATOR_SCENARIO ?? 'commuter';
const seed = process.env.SIMULATOR_SEED ?? '1';
const historyDays = Number(process.env.SIMULATOR_HISTORY_DAYS ?? 30);
const profile = process.env.SIMULATOR_PROFILE ?? 'real-world';
if (!isScenarioName(scenario)) {
  console.error(`Unknown SIMULATOR_SCENARIO "${scenario}" (${Object.keys(SCENARIOS).join(', ')})`);
  process.exit(1);
}
if (profile !== 'real-world' && profile !== 'documented') {
  console.error(`Unknown SIMULATOR_PROFILE "${profile}" (real-world, documented)`);
  process.exit(1);
}
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`Invalid SIMULATOR_PORT "${process.env.SIMULATOR_PORT}"`);
  process.exit(1);
}

const clock = new RealClock();
const started = performance.now();
const sim = createSimulator({
  scenario,
  seed: Number.isNaN(Number(seed)) ? seed : Number(seed),
  clock,
  start: clock.now() - historyDays * 86_400_000,
  api: profile === 'real-world' ? REAL_WORLD_API_OPTIONS : {},
});
sim.sync();
const seededMs = Math.round(performance.now() - started);
const server = await serveSimulator(sim, { host: '127.0.0.1', port });
const timer = setInterval(() => sim.sync(), 60_000);

const base = `http://127.0.0.1:${port}`;
console.log(`Tesla Fleet API simulator (${scenario}, seed ${seed}) on ${base}`);
console.log(`  ${historyDays} days of history simulated in ${seededMs} ms; region ${sim.region}`);
console.log(`  token URL      ${base}/oauth2/v3/token   authorize ${base}/oauth2/v3/authorize`);
console.log(`  client id      ${sim.client.clientId}`);
console.log(`  client secret  ${sim.client.clientSecret}`);
console.log(`  refresh token  ${sim.initialRefreshToken}   (single use; rotates)`);
for (const v of sim.scenario.vehicles) console.log(`  vehicle        ${v.vin} id_s ${v.idS} "${v.displayName}"`);
console.log(`  energy site    ${sim.scenario.site.energySiteId} (${sim.scenario.site.timeZone})`);

const shutdown = () => {
  clearInterval(timer);
  const t = sim.ledger.totals();
  console.log(`\n${t.requests} requests, ${t.billable} billable, $${t.usd.toFixed(3)} (invoice $${t.invoiceUsd.toFixed(2)})`);
  server.close(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
