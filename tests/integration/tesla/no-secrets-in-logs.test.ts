import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as token from '@/app/api/auth/token/route';
import * as callback from '@/app/api/tesla/callback/route';
import * as connect from '@/app/api/tesla/connect/route';
import * as simAuthorize from '@/app/api/tesla/simulator/authorize/route';
import * as status from '@/app/api/tesla/status/route';
import { installDbHandle } from '@/db';
import type { DbHandle } from '@/db/client';
import { setOwnerPassword } from '@/lib/auth/owner';
import { env } from '@/lib/env';
import { setLogSink } from '@/lib/log';
import { DEFAULT_CLIENT, commuter, createSimulator, createSimulatorFetch } from '@/lib/simulator';
import { runSync } from '@/lib/sync/run-sync';
import { setAppTeslaForTests } from '@/lib/runtime';
import { createTeslaClient, type FetchFn } from '@/lib/tesla';
import { openTestDb, testDriver } from '../../setup/test-db';
import { caller } from '../../setup/seeded-db';
import { HOUR, KEY, MIN, testEnv } from './harness';

/**
 * Proves that no secret reaches a log line (lib/log's sink and the console, every level) during a
 * full cycle: OAuth connect through the routes (authorize → callback with code + PKCE verifier),
 * a pasted refresh token (rejected and accepted), a day of sync against the simulator, an access
 * token expiring mid-sync (refresh on 401 / on expiry), a forced refresh and a rejected refresh.
 * The secrets are collected from the wire (every token request and answer), not guessed.
 */
const API_TOKEN = 'log-test-api-token-0123456789abcdef';
const PASSWORD = 'correct horse battery staple 42';
process.env.API_TOKEN = API_TOKEN;
process.env.API_TOKEN_SCOPES = 'read,sync,admin'; // the test connects Tesla (admin) and syncs through the API

const lines: string[] = [];
const secrets = new Set<string>();
let h: DbHandle;
let restoreSink: () => void;
const previousLevel = process.env.LOG_LEVEL;

/** Records every secret on the wire: bearer tokens, token-form fields, token answers. */
function harvesting(inner: FetchFn): FetchFn {
  return async (input, init) => {
    const req = new Request(input, init);
    const bearer = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1];
    if (bearer) secrets.add(bearer);
    const url = new URL(req.url);
    for (const k of ['code', 'code_challenge']) if (url.searchParams.get(k)) secrets.add(url.searchParams.get(k)!);
    if (url.pathname === '/oauth2/v3/token') {
      const form = new URLSearchParams(await req.clone().text());
      for (const k of ['refresh_token', 'code', 'code_verifier', 'client_secret']) if (form.get(k)) secrets.add(form.get(k)!);
    }
    const res = await inner(req);
    if (url.pathname === '/oauth2/v3/token' && res.ok) {
      const body = (await res.clone().json()) as Record<string, string>;
      for (const k of ['access_token', 'refresh_token', 'id_token']) if (body[k]) secrets.add(body[k]);
    }
    const location = res.headers.get('location');
    if (location) {
      const code = new URL(location).searchParams.get('code');
      if (code) secrets.add(code);
    }
    return res;
  };
}

beforeAll(async () => {
  process.env.LOG_LEVEL = 'debug';
  restoreSink = setLogSink((level, line) => lines.push(`${level} ${line}`));
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void lines.push(`console.${m} ${args.map(String).join(' ')}`));
  }
  h = await openTestDb();
  installDbHandle(h);
});
afterAll(async () => {
  restoreSink();
  vi.restoreAllMocks();
  setAppTeslaForTests(undefined);
  if (previousLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = previousLevel;
  await h.close();
});

describe(`no secret in any log line (${testDriver()})`, () => {
  it('runs connect, sync and token refresh, then finds none of the secrets in the captured lines', { timeout: 180_000 }, async () => {
    await setOwnerPassword(h.db, PASSWORD, { force: true });
    const sim = createSimulator({ scenario: commuter, seed: 7, start: Date.UTC(2026, 2, 2, 5) });
    const fetch = harvesting(createSimulatorFetch(sim));
    const tesla = createTeslaClient({ db: h.db, fetch, clock: sim.clock, env: testEnv(), config: { random: () => 0.5 } });
    const simulator = { handle: (req: Request) => fetch(req) };
    setAppTeslaForTests(async () => ({
      mode: 'simulator',
      tesla,
      clientId: sim.client.clientId,
      authorizeUrl: (o) => `${o}/api/tesla/simulator/authorize`,
      simulator,
    }));
    const call = caller(API_TOKEN);

    // 1. OAuth connect through the routes.
    const started = await call(connect.GET, '/api/tesla/connect');
    const cookie = /tessie_tesla_oauth=([^;]*)/.exec(started.headers.get('set-cookie')!)![1]!;
    secrets.add(cookie);
    const authorize = new URL(started.headers.get('location')!);
    secrets.add(authorize.searchParams.get('state')!);
    const consented = await call(simAuthorize.GET, `${authorize.pathname}${authorize.search}`);
    const cb = new URL(consented.headers.get('location')!);
    const wrong = new URL(cb);
    wrong.searchParams.set('state', 'not-the-state-0000000000000000');
    expect((await callback.GET(new Request(wrong, { headers: { cookie: `tessie_tesla_oauth=${cookie}` } }))).status).toBe(400);
    const done = await callback.GET(new Request(cb, { headers: { cookie: `tessie_tesla_oauth=${cookie}` } }));
    expect(done.headers.get('location')).toMatch(/tesla=connected$/);
    const replay = await callback.GET(new Request(cb, { headers: { cookie: `tessie_tesla_oauth=${cookie}` } })); // code already used: logged failure
    expect(replay.headers.get('location')).toMatch(/tesla=error/);

    // 2. Paste-a-token: one rejected (already used), one accepted.
    const used = [...secrets].find((s) => s.startsWith('EU_') && s.length > 40)!;
    const issued = sim.issueTokens();
    secrets.add(issued.refresh_token!).add(issued.access_token);
    expect((await call(token.POST, '/api/auth/token', { method: 'POST', body: { refreshToken: sim.initialRefreshToken } })).status).toBe(
      201,
    );
    secrets.add(sim.initialRefreshToken);
    expect((await call(token.POST, '/api/auth/token', { method: 'POST', body: { refreshToken: used } })).status).toBe(422);

    // 3. Ten hours of sync every 20 minutes (a morning drive and charge); the 8-hour access token expires on the way.
    let runs = 0;
    for (let t = 0; t < 10 * HOUR; t += 20 * MIN) {
      sim.advanceBy(20 * MIN);
      const summary = await runSync({ db: h.db, tesla, now: () => new Date(sim.now()) }, { trigger: 'manual' });
      if (summary.status === 'succeeded') runs++;
    }
    expect(runs).toBeGreaterThanOrEqual(28);
    await tesla.refreshAccessToken();
    await call(status.GET, '/api/tesla/status?check=true');

    // 4. A rejected refresh (the stored token was used elsewhere) is logged as a failure.
    await tesla.storeRefreshToken(used);
    await expect(tesla.refreshAccessToken()).rejects.toThrow(/reconnect/);

    const refreshes = sim.ledger.entries().filter((e) => e.endpoint === 'token');
    expect(refreshes.length).toBeGreaterThanOrEqual(6);
    for (const s of [DEFAULT_CLIENT.clientSecret, API_TOKEN, PASSWORD, KEY, env().ENCRYPTION_KEY, env().AUTH_SECRET, env().CRON_SECRET])
      secrets.add(s);
    expect(secrets.size).toBeGreaterThan(20);
    expect(lines.some((l) => l.includes('Tesla account connected'))).toBe(true);
    expect(lines.some((l) => l.includes('Tesla token refresh failed'))).toBe(true);
    expect(lines.some((l) => l.includes('Tesla authorization could not be completed'))).toBe(true);

    const leaksIn = (captured: string[]) => {
      const leaks: string[] = [];
      for (const s of secrets) {
        // The whole value, and its distinctive middle (a token cut or re-encoded at its ends).
        const probe = s.length > 24 ? s.slice(6, -6) : s;
        for (const line of captured)
          if (line.includes(s) || line.includes(probe)) leaks.push(`${s.slice(0, 6)}… in: ${line.slice(0, 160)}`);
      }
      return leaks;
    };
    expect(leaksIn([`planted refresh_token ${used.slice(0, -2)}`])).toHaveLength(1); // the detector does detect
    expect(leaksIn(lines)).toEqual([]);
  });
});
