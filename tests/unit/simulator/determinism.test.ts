import { afterAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { createSimulator, createSimulatorFetch, type SimulatorOptions } from '@/lib/simulator';
import { serveSimulator } from '@/lib/simulator/node-server';
import { DAY, HOUR } from './helpers';

/** Runs a fixed script of calls over 10 days and returns every response text plus the ground truth. */
async function script(options: SimulatorOptions) {
  const sim = createSimulator(options);
  const fetch = createSimulatorFetch(sim);
  const auth = { headers: { authorization: `Bearer ${sim.issueTokens().access_token}` } };
  const vin = sim.scenario.vehicles[0]?.vin ?? '';
  const site = sim.scenario.site.energySiteId;
  const texts: string[] = [];
  for (let h = 0; h < 10 * 24; h += 2) {
    sim.advanceBy(2 * HOUR);
    if (h % 8 === 0) auth.headers.authorization = `Bearer ${sim.issueTokens().access_token}`;
    for (const path of [
      `/api/1/vehicles/${vin}`,
      `/api/1/vehicles/${vin}/vehicle_data?endpoints=charge_state%3Bdrive_state%3Blocation_data`,
      `/api/1/energy_sites/${site}/live_status`,
    ]) {
      texts.push(await (await fetch(`${sim.baseUrl}${path}`, auth)).text());
    }
    if (h % 24 === 0) texts.push(await (await fetch(`${sim.baseUrl}/api/1/vehicles/${vin}/wake_up`, { method: 'POST', ...auth })).text());
  }
  texts.push(await (await fetch(`${sim.baseUrl}/api/1/energy_sites/${site}/calendar_history?kind=energy&period=month`, auth)).text());
  return { texts, truth: sim.groundTruth(), cost: sim.ledger.totals() };
}

describe('determinism', () => {
  it('same seed → same ground truth and same responses; another seed → a different world', async () => {
    const a = await script({ scenario: 'two-cars', seed: 42 });
    const b = await script({ scenario: 'two-cars', seed: 42 });
    expect(b.texts).toEqual(a.texts);
    expect(b.truth).toEqual(a.truth);
    expect(b.cost).toEqual(a.cost);
    expect(a.truth.drives.length).toBeGreaterThan(10);
    const c = await script({ scenario: 'two-cars', seed: 43 });
    expect(c.truth.drives).not.toEqual(a.truth.drives);
  }, 30_000);

  it('writes 64-bit ids beyond 2^53 as exact JSON integers', async () => {
    const sim = createSimulator({ scenario: 'two-cars' });
    const res = await createSimulatorFetch(sim)(`${sim.baseUrl}/api/1/vehicles`, {
      headers: { authorization: `Bearer ${sim.issueTokens().access_token}` },
    });
    const text = await res.text();
    expect(text).toContain('"id":12345678901234567,');
    expect(text).toContain('"id_s":"12345678901234567"');
  });
});

describe('standalone HTTP server', () => {
  let server: Server | undefined;
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('serves the same API over plain HTTP', async () => {
    const sim = createSimulator({ scenario: 'solar-home', start: Date.UTC(2026, 5, 1) });
    sim.advanceBy(DAY);
    server = await serveSimulator(sim, { host: '127.0.0.1', port: 0 });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/status`)).text()).toBe('ok');
    const token = await fetch(`${base}/oauth2/v3/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: sim.client.clientId, refresh_token: sim.initialRefreshToken }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const live = await fetch(`${base}/api/1/energy_sites/${sim.scenario.site.energySiteId}/live_status`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(live.status).toBe(200);
    expect(((await live.json()) as { response: { timestamp: string } }).response.timestamp).toMatch(/-06:00$/);
  });
});
