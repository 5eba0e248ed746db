import { describe, expect, it } from 'vitest';
import {
  FLEET_API_BASE_URLS,
  FLEET_AUTH_TOKEN_URL,
  OAuthErrorSchema,
  TokenResponseSchema,
  VehicleDataResponseSchema,
  baseUrlFromOutOfRegion,
  decodeJwtPayload,
  AccessTokenClaimsSchema,
} from '@/lib/fleet-api';
import { commuter, createSimulator, createSimulatorFetch } from '@/lib/simulator';
import { HOUR, MIN, parked, setup } from './helpers';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('OAuth (reference §2)', () => {
  it('rotates single-use refresh tokens and rejects reuse with invalid_grant', async () => {
    const sim = createSimulator({ scenario: 'commuter' });
    const fetch = createSimulatorFetch(sim);
    const refresh = (token: string) =>
      fetch(FLEET_AUTH_TOKEN_URL, form({ grant_type: 'refresh_token', client_id: sim.client.clientId, refresh_token: token }));
    const first = await refresh(sim.initialRefreshToken);
    const t1 = TokenResponseSchema.parse(await first.json());
    expect(t1.expires_in).toBe(28_800);
    expect(t1.refresh_token).toMatch(/^EU_/);
    const claims = AccessTokenClaimsSchema.parse(decodeJwtPayload(t1.access_token));
    expect(claims.exp - claims.iat).toBe(28_800);
    expect(claims.ou_code).toBe('EU');
    const reuse = await refresh(sim.initialRefreshToken);
    expect(reuse.status).toBe(400);
    expect(OAuthErrorSchema.parse(await reuse.json()).error).toBe('invalid_grant');
    const second = TokenResponseSchema.parse(await (await refresh(t1.refresh_token ?? '')).json());
    expect(second.refresh_token).not.toBe(t1.refresh_token);
    expect(sim.ledger.totals().usd).toBe(0);
    expect(sim.ledger.totals().byCategory.auth.billable).toBe(0);
  });

  it('can answer reuse the way Tesla does (401 login_required)', async () => {
    const sim = createSimulator({ scenario: 'commuter', api: { refreshReuseError: 'login_required' } });
    const fetch = createSimulatorFetch(sim);
    const body = form({ grant_type: 'refresh_token', client_id: sim.client.clientId, refresh_token: sim.initialRefreshToken });
    expect((await fetch(FLEET_AUTH_TOKEN_URL, body)).status).toBe(200);
    const again = await fetch(
      FLEET_AUTH_TOKEN_URL,
      form({ grant_type: 'refresh_token', client_id: sim.client.clientId, refresh_token: sim.initialRefreshToken }),
    );
    expect(again.status).toBe(401);
    expect(OAuthErrorSchema.parse(await again.json()).error).toBe('login_required');
  });

  it('runs the authorization-code connect flow (authorize redirect → code exchange)', async () => {
    const sim = createSimulator({ scenario: 'two-cars' });
    const fetch = createSimulatorFetch(sim);
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: sim.client.clientId,
      redirect_uri: 'http://localhost:3000/api/auth/callback',
      scope: 'openid offline_access vehicle_device_data energy_device_data',
      state: 's-123',
    });
    const res = await fetch(`https://auth.tesla.com/oauth2/v3/authorize?${q}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe('s-123');
    const code = back.searchParams.get('code') ?? '';
    expect(code).toMatch(/^NA_/);
    const exchange = () =>
      fetch(
        FLEET_AUTH_TOKEN_URL,
        form({
          grant_type: 'authorization_code',
          client_id: sim.client.clientId,
          client_secret: sim.client.clientSecret,
          code,
          redirect_uri: 'http://localhost:3000/api/auth/callback',
          audience: FLEET_API_BASE_URLS.na,
        }),
      );
    const tokens = TokenResponseSchema.parse(await (await exchange()).json());
    expect(AccessTokenClaimsSchema.parse(decodeJwtPayload(tokens.access_token)).scp).toContain('energy_device_data');
    expect(tokens.refresh_token).toBeDefined();
    expect((await exchange()).status).toBe(400); // codes are single use
    // The granted scopes are enforced: no vehicle_cmds → wake_up is 403; no vehicle_location → location_data is refused whole.
    const auth = { headers: { authorization: `Bearer ${tokens.access_token}` } };
    const vin = sim.scenario.vehicles[0]?.vin ?? '';
    expect((await fetch(`${FLEET_API_BASE_URLS.na}/api/1/vehicles/${vin}/wake_up`, { method: 'POST', ...auth })).status).toBe(403);
    const data = await fetch(`${FLEET_API_BASE_URLS.na}/api/1/vehicles/${vin}/vehicle_data?endpoints=drive_state%3Blocation_data`, auth);
    expect(data.status).toBe(403);
    const without = await fetch(`${FLEET_API_BASE_URLS.na}/api/1/vehicles/${vin}/vehicle_data?endpoints=drive_state`, auth);
    if (without.status === 200)
      expect(VehicleDataResponseSchema.parse(await without.json()).response.drive_state?.latitude).toBeUndefined();
    else expect(without.status).toBe(408);
  });

  it('issues partner tokens that register partner accounts but cannot read user data', async () => {
    const sim = createSimulator({ scenario: 'commuter', api: { requirePartnerRegistration: true } });
    const fetch = createSimulatorFetch(sim);
    const partner = TokenResponseSchema.parse(
      await (
        await fetch(
          FLEET_AUTH_TOKEN_URL,
          form({
            grant_type: 'client_credentials',
            client_id: sim.client.clientId,
            client_secret: sim.client.clientSecret,
            scope: 'openid vehicle_device_data',
            audience: sim.baseUrl,
          }),
        )
      ).json(),
    );
    expect(partner.refresh_token).toBeUndefined();
    const user = sim.issueTokens().access_token;
    const asUser = { headers: { authorization: `Bearer ${user}` } };
    expect((await fetch(`${sim.baseUrl}/api/1/vehicles`, asUser)).status).toBe(412);
    const reg = await fetch(`${sim.baseUrl}/api/1/partner_accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ domain: 'stats.example.com' }),
    });
    expect(reg.status).toBe(200);
    expect((await fetch(`${sim.baseUrl}/api/1/vehicles`, asUser)).status).toBe(200);
    expect((await fetch(`${sim.baseUrl}/api/1/vehicles`, { headers: { authorization: `Bearer ${partner.access_token}` } })).status).toBe(
      403,
    );
  });
});

describe('errors, regions and limits', () => {
  it('answers 401 for unknown and expired tokens, 404 for unknown vehicles', async () => {
    const { sim, call, token } = setup({ scenario: 'commuter' });
    expect((await call('/api/1/vehicles', { token: 'nope' })).body?.error).toBe('invalid bearer token');
    expect((await call('/api/1/vehicles', { token: null })).status).toBe(401);
    const old = token();
    sim.advanceBy(8 * HOUR + MIN);
    const expired = await call('/api/1/vehicles', { token: old });
    expect(expired.status).toBe(401);
    expect(expired.body?.error).toBe('token expired (401)');
    expect((await call('/api/1/vehicles/5YJ3E1EA7KF000000')).status).toBe(404);
    expect((await call(`/api/1/vehicles/${commuter.vehicles[0]?.idS}`)).status).toBe(200); // numeric id works too
  });

  it("answers 421 on another region's host, except /users/region", async () => {
    const { call } = setup({ scenario: 'commuter' });
    const na = FLEET_API_BASE_URLS.na;
    const wrong = await call('/api/1/vehicles', { host: na });
    expect(wrong.status).toBe(421);
    expect(baseUrlFromOutOfRegion(String(wrong.body?.error))).toBe(FLEET_API_BASE_URLS.eu);
    const region = await call('/api/1/users/region', { host: na });
    expect(region.status).toBe(200);
    expect((region.body?.response as { region: string }).region).toBe('eu');
    expect((await call('/api/1/vehicles', { host: 'http://127.0.0.1:4443' })).status).toBe(200);
  });

  it('rate-limits per device and minute with Retry-After, and 429s are billed', async () => {
    const { sim, call } = setup({ scenario: parked(commuter) });
    const vin = commuter.vehicles[0]?.vin ?? '';
    for (let i = 0; i < 3; i++) expect((await call(`/api/1/vehicles/${vin}/wake_up`, { method: 'POST' })).status).toBe(200);
    const limited = await call(`/api/1/vehicles/${vin}/wake_up`, { method: 'POST' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-limit')).toBe('3');
    expect(sim.ledger.totals().byCategory.wake).toEqual({ requests: 4, billable: 4, usd: 0.08 });
    sim.advanceBy(61_000);
    expect((await call(`/api/1/vehicles/${vin}/wake_up`, { method: 'POST' })).status).toBe(200);
  });

  it('injects a deterministic share of 500/503/540 faults, unbilled', async () => {
    const run = async () => {
      const { sim, call } = setup({ scenario: 'commuter', seed: 3, api: { faults: { rate: 0.3, weights: { timeout: 0 } } } });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await call('/api/1/vehicles')).status);
      return { statuses, totals: sim.ledger.totals() };
    };
    const a = await run();
    const b = await run();
    expect(a.statuses).toEqual(b.statuses);
    const faults = a.statuses.filter((s) => s >= 500);
    expect(faults.length).toBeGreaterThan(35);
    expect(faults.length).toBeLessThan(85);
    expect(new Set(faults)).toEqual(new Set([500, 503, 540]));
    expect(a.totals.billable).toBe(200 - faults.length);
  });

  it('hangs on a timeout fault until the caller aborts', async () => {
    const sim = createSimulator({ scenario: 'commuter', api: { faults: { rate: 1, weights: { '500': 0, '503': 0, '540': 0 } } } });
    const fetch = createSimulatorFetch(sim);
    const req = fetch(`${sim.baseUrl}/api/1/vehicles`, {
      headers: { authorization: `Bearer ${sim.issueTokens().access_token}` },
      signal: AbortSignal.timeout(50),
    });
    await expect(req).rejects.toThrow();
    expect(sim.ledger.entries().at(-1)?.fault).toBe('timeout');
  });
});

describe('billing ledger (reference §5.4)', () => {
  it('prices calls by category, with configurable state/energy prices', async () => {
    const { sim, call } = setup({ scenario: 'solar-home', api: { prices: { energy: 0.001 } } });
    const vin = sim.scenario.vehicles[0]?.vin ?? '';
    const site = sim.scenario.site.energySiteId;
    await call('/api/1/vehicles');
    await call(`/api/1/vehicles/${vin}/vehicle_data`);
    await call(`/api/1/vehicles/${vin}/wake_up`, { method: 'POST' });
    await call(`/api/1/energy_sites/${site}/live_status`);
    await call(`/api/1/energy_sites/${site}/site_info`);
    const t = sim.ledger.totals();
    expect(t.byCategory.state.usd).toBe(0);
    expect(t.byCategory.data.usd).toBe(0.002);
    expect(t.byCategory.wake.usd).toBe(0.02);
    expect(t.byCategory.energy.usd).toBe(0.002);
    expect(t.usd).toBeCloseTo(0.024, 9);
    expect(t.invoiceUsd).toBe(0.02);
    expect(sim.ledger.entries().map((e) => e.endpoint)).toEqual(['vehicles', 'vehicle_data', 'wake_up', 'live_status', 'site_info']);
  });
});
