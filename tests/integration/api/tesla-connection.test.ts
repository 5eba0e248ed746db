import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as token from '@/app/api/auth/token/route';
import * as sessions from '@/app/api/charging/sessions/route';
import * as drives from '@/app/api/drives/route';
import * as siteHistory from '@/app/api/energy/sites/[id]/history/route';
import * as callback from '@/app/api/tesla/callback/route';
import * as connect from '@/app/api/tesla/connect/route';
import * as simAuthorize from '@/app/api/tesla/simulator/authorize/route';
import * as status from '@/app/api/tesla/status/route';
import * as wake from '@/app/api/vehicles/[id]/wake/route';
import { installDbHandle } from '@/db';
import { queryRows, type DbHandle } from '@/db/client';
import { createApiToken } from '@/lib/auth/api-tokens';
import { env } from '@/lib/env';
import { FLEET_API_BASE_URLS } from '@/lib/fleet-api';
import type { Simulator } from '@/lib/simulator';
import { seedDemo } from '@/lib/sync/demo';
import { setAppTeslaForTests } from '@/lib/runtime';
import { OAUTH_COOKIE, sealPending, type TeslaClient } from '@/lib/tesla';
import { decryptColumn } from '@/lib/tesla/token-crypto';
import { openTestDb, testDriver } from '../../setup/test-db';
import { KEY, testEnv } from '../tesla/harness';
import { caller, type Call } from '../../setup/seeded-db';
import { clock } from '@/lib/clock';

/**
 * The Tesla connection routes on both drivers, against a simulator the sync has already run on for
 * three days (seedDemo): paste-a-token, the OAuth connect flow (state + PKCE), the status checklist,
 * the owner's wake, and the data routes returning rows that sync derived.
 */
let h: DbHandle;
let call: Call;
let sim: Simulator;
let tesla: TeslaClient;
const ORIGIN = 'http://localhost';

async function account() {
  const [row] = await queryRows<{
    rt: string | null;
    iv: string | null;
    tag: string | null;
    region: string | null;
    base: string | null;
    scopes: string[] | null;
  }>(
    h.db,
    sql`select tesla_refresh_token_encrypted as rt, encryption_iv as iv, encryption_tag as tag, tesla_region as region, tesla_fleet_api_base_url as base, tesla_scopes as scopes from user_config`,
  );
  return row!;
}
const storedRefresh = async () => {
  const a = await account();
  return a.rt ? decryptColumn({ ciphertext: a.rt, iv: a.iv!, tag: a.tag! }, KEY, 'refresh token') : null; // the Tesla client's key (testEnv)
};
/** Row count + md5 of the tables a connect attempt could touch. */
async function fingerprint() {
  const rows = await queryRows<{ t: string; h: string }>(
    h.db,
    sql`select 'user_config' as t, md5(coalesce(string_agg(u::text, '|' order by u::text), '')) as h from user_config u
        union all select 'api_requests', md5(coalesce(string_agg(r::text, '|' order by r::text), '')) from api_requests r
        union all select 'api_cache', count(*)::text from api_cache`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}
const cookieOf = (res: { headers: Headers }) => /tessie_tesla_oauth=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

/** Issues a fresh refresh token the simulator knows (as if obtained with another tool). */
const freshRefreshToken = () => sim.issueTokens().refresh_token!;

beforeAll(async () => {
  h = await openTestDb();
  installDbHandle(h);
  const seeded = await seedDemo({ db: h.db, scenario: 'commuter', seed: 3, days: 3, now: clock.now(), env: testEnv() });
  sim = seeded.sim;
  tesla = seeded.tesla;
  setAppTeslaForTests(async () => ({
    mode: 'simulator',
    tesla,
    clientId: sim.client.clientId,
    authorizeUrl: (o) => `${o}/api/tesla/simulator/authorize`,
    simulator: sim,
  }));
  call = caller((await createApiToken(h.db, 'tests', ['read', 'sync', 'admin'])).token);
}, 180_000); // three simulated days of sync: ~10 s alone, longer beside other suites
afterAll(async () => {
  setAppTeslaForTests(undefined);
  await h.close();
});

describe(`rows the sync derived, through the API (${testDriver()})`, () => {
  it('lists the charging sessions, drives and energy days the sync wrote from the simulator', async () => {
    const s = await call(sessions.GET, '/api/charging/sessions?limit=100');
    expect(s.status).toBe(200);
    const [n] = await queryRows<{ sessions: number; drives: number; days: number }>(
      h.db,
      sql`select (select count(*)::int from charging_sessions) as sessions, (select count(*)::int from drives) as drives, (select count(*)::int from energy_daily) as days`,
    );
    expect(n!.sessions).toBeGreaterThan(0);
    expect(s.body.sessions).toHaveLength(Math.min(100, n!.sessions));
    expect(s.body.sessions[0].energyAddedKwh).toBeGreaterThan(0);
    const d = await call(drives.GET, '/api/drives?limit=100');
    expect(d.status).toBe(200);
    expect(n!.drives).toBeGreaterThan(2);
    expect(d.body.drives).toHaveLength(Math.min(100, n!.drives));
    expect(d.body.drives.every((x: { distanceKm: number }) => x.distanceKm > 0)).toBe(true);
    const [site] = await queryRows<{ id: string }>(h.db, sql`select id from energy_sites limit 1`);
    const e = await call(siteHistory.GET, `/api/energy/sites/${site!.id}/history?period=day`, { params: { id: site!.id } });
    expect(e.status).toBe(200);
    expect(n!.days).toBeGreaterThanOrEqual(3);
    expect(e.body.periods.length).toBeGreaterThanOrEqual(3);
    expect(e.body.periods.some((p: { solarProducedKwh: number }) => p.solarProducedKwh > 0)).toBe(true);
  });
});

describe(`POST /api/auth/token (${testDriver()})`, () => {
  it('exchanges a working refresh token first and stores the rotated one, encrypted', async () => {
    const pasted = freshRefreshToken();
    const before = sim.ledger.entries().length;
    const res = await call(token.POST, '/api/auth/token', { method: 'POST', body: { refreshToken: ` ${pasted} ` } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      connected: true,
      region: 'eu',
      fleetApiBaseUrl: FLEET_API_BASE_URLS.eu,
      regionDiscovered: true,
      missingScopes: [],
    });
    expect(res.body.scopes).toContain('vehicle_location');
    expect(JSON.stringify(res.body)).not.toContain(pasted.slice(3));
    const calls = sim.ledger
      .entries()
      .slice(before)
      .map((e) => `${e.endpoint} ${e.status}`);
    expect(calls).toEqual(['token 200', 'users/region 200']);
    const stored = await storedRefresh();
    expect(stored).not.toBe(pasted); // single use: the pasted token is burnt, its successor is kept
    expect(stored).toMatch(/^EU_/);
    expect((await account()).rt).not.toContain(stored!);
    expect((await account()).base).toBe(FLEET_API_BASE_URLS.eu);
  });

  it('refuses a token Tesla rejects with 422 and changes nothing', async () => {
    const stored = await storedRefresh();
    const before = await fingerprint();
    const used = sim.initialRefreshToken; // burnt long ago by the demo sync
    for (const refreshToken of [used, 'EU_0123456789abcdef0123456789abcdef']) {
      const res = await call(token.POST, '/api/auth/token', { method: 'POST', body: { refreshToken } });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('tesla_token_rejected');
      expect(res.body.error.message).toMatch(/Nothing was changed/);
      expect(JSON.stringify(res.body)).not.toContain(refreshToken);
    }
    expect(await fingerprint()).toEqual(before);
    expect(await storedRefresh()).toBe(stored);
  });

  it.each([
    ['missing field', {}, 422],
    ['number', { refreshToken: 42 }, 422],
    ['too short', { refreshToken: 'EU_x' }, 422],
    ['spaces inside', { refreshToken: 'EU_abc def ghi jkl mno' }, 422],
    ['script', { refreshToken: '<script>alert(1)</script>' }, 422],
    ['extra field', { refreshToken: 'EU_0123456789abcdef', region: 'na' }, 422],
    ['huge', { refreshToken: 'E'.repeat(70_000) }, 413],
  ])('rejects a malformed body (%s) without calling Tesla', async (_label, body, expected) => {
    const before = sim.ledger.entries().length;
    const res = await call(token.POST, '/api/auth/token', { method: 'POST', body });
    expect(res.status).toBe(expected);
    expect(sim.ledger.entries().length).toBe(before);
  });
});

describe(`OAuth connect flow against the simulator (${testDriver()})`, () => {
  async function startConnect() {
    const res = await call(connect.GET, '/api/tesla/connect');
    expect(res.status).toBe(302);
    return { location: new URL(res.headers.get('location')!), cookie: cookieOf(res)!, setCookie: res.headers.get('set-cookie')! };
  }
  /** The browser at the (simulated) authorize page: it consents and redirects to our callback. */
  async function consent(location: URL) {
    const res = await call(simAuthorize.GET, `${location.pathname}${location.search}`);
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }
  const back = (cb: URL, cookie?: string) =>
    callback.GET(new Request(cb, { headers: cookie === undefined ? {} : { cookie: `other=1; ${OAUTH_COOKIE}=${cookie}` } }));

  it('redirects to the authorize page with client id, redirect URI, scopes, state and PKCE S256', async () => {
    const { location, cookie, setCookie } = await startConnect();
    expect(`${location.origin}${location.pathname}`).toBe(`${ORIGIN}/api/tesla/simulator/authorize`);
    const q = location.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(sim.client.clientId);
    expect(q.get('redirect_uri')).toBe(`${ORIGIN}/api/tesla/callback`);
    expect(q.get('scope')!.split(' ')).toEqual(
      expect.arrayContaining([
        'openid',
        'offline_access',
        'vehicle_device_data',
        'vehicle_location',
        'energy_device_data',
        'vehicle_charging_cmds',
      ]),
    );
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=600/);
    expect(setCookie).toMatch(/Path=\/api\/tesla/);
    expect(cookie).not.toContain(q.get('state')!); // sealed, not readable
  });

  it('completes: code exchanged with its verifier, tokens + scopes stored, region discovered, back to /settings', async () => {
    await h.db.execute(
      sql`update user_config set tesla_refresh_token_encrypted = null, encryption_iv = null, encryption_tag = null, tesla_fleet_api_base_url = null, tesla_scopes = null`,
    );
    const { location, cookie } = await startConnect();
    const cb = await consent(location);
    expect(cb.searchParams.get('code')).toMatch(/^EU_/);
    expect(cb.searchParams.get('state')).toBe(location.searchParams.get('state'));
    const before = sim.ledger.entries().length;
    const res = await back(cb, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${ORIGIN}/settings/tesla?tesla=connected`);
    expect(res.headers.get('set-cookie')).toMatch(/tessie_tesla_oauth=; .*Max-Age=0/);
    expect(
      sim.ledger
        .entries()
        .slice(before)
        .map((e) => `${e.endpoint} ${e.status}`),
    ).toEqual(['token 200', 'users/region 200']);
    const a = await account();
    expect(a.region).toBe('eu');
    expect(a.base).toBe(FLEET_API_BASE_URLS.eu);
    expect(a.scopes).toEqual(expect.arrayContaining(['vehicle_location', 'energy_device_data']));
    expect(await storedRefresh()).toMatch(/^EU_/);
    // The connection works for the sync's client right away.
    expect((await tesla.getVehicles()).length).toBeGreaterThan(0);
  });

  it('rejects a wrong, missing, expired or forged state with 400 and stores nothing', async () => {
    const { location, cookie } = await startConnect();
    const cb = await consent(location);
    const before = await fingerprint();
    const ledger = sim.ledger.entries().length;
    const wrong = new URL(cb);
    wrong.searchParams.set('state', 'attacker-chosen-state-value-000000');
    const noState = new URL(cb);
    noState.searchParams.delete('state');
    const other = await startConnect(); // a cookie sealed for another sign-in
    const expired = sealPending(
      {
        state: cb.searchParams.get('state')!,
        codeVerifier: 'v'.repeat(43),
        redirectUri: `${ORIGIN}/api/tesla/callback`,
        expiresAt: clock.ms() - 1,
      },
      env().ENCRYPTION_KEY,
    );
    const forged = sealPending(
      {
        state: cb.searchParams.get('state')!,
        codeVerifier: 'v'.repeat(43),
        redirectUri: `${ORIGIN}/api/tesla/callback`,
        expiresAt: clock.ms() + 60_000,
      },
      'ab'.repeat(32),
    );
    const mid = Math.floor(cookie.length / 2);
    const tampered = `${cookie.slice(0, mid)}${cookie[mid] === 'A' ? 'B' : 'A'}${cookie.slice(mid + 1)}`;
    const attempts: [URL, string | undefined][] = [
      [wrong, cookie],
      [noState, cookie],
      [cb, undefined],
      [cb, other.cookie],
      [cb, expired],
      [cb, forged],
      [cb, tampered],
      [cb, 'garbage'],
    ];
    for (const [url, c] of attempts) {
      const res = await back(url, c);
      expect(res.status, `${url.search} ${c?.slice(0, 10)}`).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_oauth_state');
      expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    }
    expect(sim.ledger.entries().length).toBe(ledger); // the code was never sent to Tesla
    expect(await fingerprint()).toEqual(before);
  });

  it('a replayed code or a verifier that does not match the challenge is refused by the token endpoint', async () => {
    const first = await startConnect();
    const cb = await consent(first.location);
    expect((await back(cb, first.cookie)).status).toBe(303);
    const stored = await storedRefresh();
    // Replay: same code again under a cookie with the same state (as an attacker holding both would).
    const replayCookie = sealPending(
      {
        state: cb.searchParams.get('state')!,
        codeVerifier: 'x'.repeat(43),
        redirectUri: `${ORIGIN}/api/tesla/callback`,
        expiresAt: clock.ms() + 60_000,
      },
      env().ENCRYPTION_KEY,
    );
    const replay = await back(cb, replayCookie);
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe(`${ORIGIN}/settings/tesla?tesla=error&reason=tesla_reauth_required`);
    // A fresh code with the wrong verifier: PKCE makes a stolen code useless.
    const second = await startConnect();
    const cb2 = await consent(second.location);
    const wrongVerifier = sealPending(
      {
        state: cb2.searchParams.get('state')!,
        codeVerifier: 'y'.repeat(43),
        redirectUri: `${ORIGIN}/api/tesla/callback`,
        expiresAt: clock.ms() + 60_000,
      },
      env().ENCRYPTION_KEY,
    );
    const res = await back(cb2, wrongVerifier);
    expect(res.headers.get('location')).toBe(`${ORIGIN}/settings/tesla?tesla=error&reason=tesla_reauth_required`);
    expect(await storedRefresh()).toBe(stored);
  });

  it('sends a denied consent back to settings with the reason', async () => {
    const { location, cookie } = await startConnect();
    const cb = new URL(`${ORIGIN}/api/tesla/callback`);
    cb.searchParams.set('error', 'access_denied');
    cb.searchParams.set('state', location.searchParams.get('state')!);
    const res = await back(cb, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${ORIGIN}/settings/tesla?tesla=error&reason=access_denied`);
  });

  it('the simulated authorize page never redirects anywhere but this app’s callback', async () => {
    const { location } = await startConnect();
    location.searchParams.set('redirect_uri', 'https://evil.example/steal');
    const res = await call(simAuthorize.GET, `${location.pathname}${location.search}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});

describe(`public key route (${testDriver()})`, () => {
  it('answers 404 (publicly, no credentials needed) while TESLA_PUBLIC_KEY is unset', async () => {
    const { GET } = await import('@/app/.well-known/appspecific/com.tesla.3p.public-key.pem/route');
    const res = GET();
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/TESLA_PUBLIC_KEY/);
  });
});

describe(`GET /api/tesla/status (${testDriver()})`, () => {
  it('reports every step with its state, and a live check', async () => {
    const res = await call(status.GET, '/api/tesla/status?check=true');
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe('simulator');
    expect(res.body.steps.map((s: { id: string }) => s.id)).toEqual(['client', 'key', 'partner', 'account', 'scopes']);
    const byId = Object.fromEntries(res.body.steps.map((s: { id: string; state: string }) => [s.id, s.state]));
    // The demo needs no public key: that step does not apply, it is not a to-do.
    expect(byId).toEqual({ client: 'ok', key: 'skipped', partner: 'ok', account: 'ok', scopes: 'ok' });
    expect(JSON.stringify(res.body)).not.toMatch(/EU_[0-9a-f]{20}/);
    expect((await call(status.GET, '/api/tesla/status?check=maybe')).status).toBe(400);
  });

  it('names the missing scope when vehicle_location was not granted', async () => {
    await h.db.execute(
      sql`update user_config set tesla_scopes = array['openid','offline_access','vehicle_device_data','energy_device_data']`,
    );
    const res = await call(status.GET, '/api/tesla/status');
    const scopes = res.body.steps.find((s: { id: string }) => s.id === 'scopes');
    expect(scopes.state).toBe('failed');
    expect(scopes.detail).toMatch(/vehicle_location/);
    expect(res.body.missingScopes).toEqual(['vehicle_location']);
  });
});

describe(`POST /api/vehicles/:id/wake (${testDriver()})`, () => {
  it('sends one wake per explicit call (by VIN or id), honours the wake cap, 404 for unknown cars', async () => {
    const [v] = await queryRows<{ id: string; vin: string }>(h.db, sql`select id, vin from vehicles order by vin limit 1`);
    const wakes = () => sim.ledger.entries().filter((e) => e.endpoint === 'wake_up');
    expect(wakes()).toHaveLength(0); // three days of sync never woke a car
    const byVin = await call(wake.POST, `/api/vehicles/${v!.vin}/wake`, { method: 'POST', params: { id: v!.vin } });
    expect(byVin.status).toBe(202);
    expect(byVin.body).toMatchObject({ vehicleId: v!.id, vin: v!.vin });
    expect(['online', 'asleep', 'offline']).toContain(byVin.body.state);
    const byId = await call(wake.POST, `/api/vehicles/${v!.id}/wake`, { method: 'POST', params: { id: v!.id } });
    expect(byId.status).toBe(202);
    expect(wakes().map((e) => e.status)).toEqual([200, 200]);
    const capped = await call(wake.POST, `/api/vehicles/${v!.id}/wake`, { method: 'POST', params: { id: v!.id } });
    expect(capped.status).toBe(429);
    expect(capped.body.error.code).toBe('tesla_wake_limit');
    expect(wakes()).toHaveLength(2); // refused without a call
    for (const id of ['00000000-0000-4000-8000-000000000000', 'AAAAAAAAAAAAAAAAA', "' OR 1=1 --"]) {
      const res = await call(wake.POST, '/x', { method: 'POST', params: { id } });
      expect(res.status).toBe(404);
    }
    expect(wakes()).toHaveLength(2);
  });
});

describe(`DELETE /api/auth/token (${testDriver()})`, () => {
  it('disconnects: tokens forgotten, status says not connected', async () => {
    await tesla.getRegion(); // a free call: the token manager remembers the row it just read
    const res = await call(token.DELETE, '/api/auth/token', { method: 'DELETE' });
    expect(res.body).toEqual({ removed: true });
    expect(await storedRefresh()).toBeNull();
    const s = await call(status.GET, '/api/tesla/status');
    expect(s.body.connected).toBe(false);
    expect(s.body.steps.find((x: { id: string }) => x.id === 'account').state).toBe('pending');
    // The disconnect went through the token manager: no remembered access token is handed out after it.
    await expect(tesla.getRegion()).rejects.toMatchObject({ reason: 'not_connected' });
  });
});
