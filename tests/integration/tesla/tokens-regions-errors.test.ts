import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '@/db/client';
import { FLEET_API_BASE_URLS, FLEET_AUTH_TOKEN_URL } from '@/lib/fleet-api';
import { DEFAULT_CLIENT } from '@/lib/simulator';
import { setLogSink } from '@/lib/log';
import { TeslaApiError, TeslaAuthError, TeslaRegionError, TokenDecryptError } from '@/lib/tesla';
import { openTestDb, testDriver, truncateAll } from '../../setup/test-db';
import { decryptColumn } from '@/lib/tesla/token-crypto';
import { HOUR, KEY, VIN, byEndpoint, connectedSim, hostOf, parkedCommuter, secondProcessDb, type Wire } from './harness';

const FLEET_AUTH = new URL(FLEET_AUTH_TOKEN_URL).origin;

let h: DbHandle;
const lines: string[] = [];
const errors: unknown[] = [];
const wires: Wire[] = [];
let restoreSink: () => void;
const previousLevel = process.env.LOG_LEVEL;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'debug';
  restoreSink = setLogSink((_, line) => lines.push(line));
  h = await openTestDb();
});
afterAll(async () => {
  restoreSink();
  if (previousLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = previousLevel;
  await h.close();
});
beforeEach(async () => truncateAll(h));

/** Connects like connectedSim and remembers the wire for the final "no token anywhere" check. */
async function setup(...args: Parameters<typeof connectedSim>) {
  const s = await connectedSim(...args);
  wires.push(s.wire);
  return s;
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    errors.push(err);
    return err;
  }
  throw new Error('expected a rejection');
}

describe(`lib/tesla tokens on ${testDriver()}`, () => {
  it('refreshes on a 401 once, persists the rotated token, and retries', async () => {
    const { sim, tesla, wire } = await setup(h);
    await tesla.getVehicles();
    sim.advanceBy(9 * HOUR); // the access token expired at Tesla…
    await h.db.execute(sql`update user_config set tesla_access_token_expires_at = now() + interval '10 years'`); // …but we believe it valid
    await tesla.getVehicles();
    expect(sim.ledger.entries().map((e) => `${e.endpoint} ${e.status}`)).toEqual([
      'token 200',
      'vehicles 200',
      'vehicles 401',
      'token 200',
      'vehicles 200',
    ]);
    expect(wire.refreshSent).toHaveLength(2);
    expect(new Set(wire.refreshSent).size).toBe(2);
    expect(wire.refreshSent[0]).toBe(sim.initialRefreshToken);
    expect(wire.refreshSent[1]).toBe(wire.issued[1]); // the rotated token from the first refresh
    const [row] = await queryRows<{ ciphertext: string; iv: string; tag: string }>(
      h.db,
      sql`select tesla_refresh_token_encrypted as ciphertext, encryption_iv as iv, encryption_tag as tag from user_config`,
    );
    expect(row!.ciphertext).not.toContain(wire.issued[3]!);
    expect(decryptColumn(row!, KEY, 'refresh token')).toBe(wire.issued[3]); // the rotated token is what is stored
  });

  it('never sends one refresh token twice, even with two processes refreshing at once', async () => {
    const { sim, tesla, client, wire } = await setup(h);
    const db2 = secondProcessDb(h);
    const other = client(undefined, undefined, db2);
    await Promise.all([tesla.getVehicles(), other.getVehicle(VIN), tesla.getMe(), other.getEnergySites(), tesla.getVehicle(VIN)]);
    expect(byEndpoint(sim, 'token').map((e) => e.status)).toEqual([200]);
    await Promise.all([tesla.refreshAccessToken(), other.refreshAccessToken()]);
    await other.refreshAccessToken();
    const tokens = byEndpoint(sim, 'token');
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(tokens.every((e) => e.status === 200)).toBe(true); // a reused token would have been rejected
    expect(new Set(wire.refreshSent).size).toBe(wire.refreshSent.length);
    expect(fleetCallsOk(sim)).toBe(true);
    await db2.close();
  });

  it('forgets a rejected refresh token instead of sending it again', async () => {
    const { sim, tesla } = await setup(h, { api: { refreshReuseError: 'login_required' } });
    await tesla.getVehicles();
    await tesla.storeRefreshToken(sim.initialRefreshToken); // already used by the first refresh
    const err = await failure(tesla.getVehicles());
    expect(err).toBeInstanceOf(TeslaAuthError);
    expect((err as TeslaAuthError).reason).toBe('reauth_required');
    const again = await failure(tesla.getVehicles());
    expect((again as TeslaAuthError).reason).toBe('not_connected');
    expect(byEndpoint(sim, 'token').map((e) => e.status)).toEqual([200, 401]);
    expect((await tesla.getConnectionStatus()).connected).toBe(false);
  });

  it('connects with an authorization code: tokens stored encrypted, region from the code', async () => {
    const { sim, tesla, wire } = await setup(h);
    await h.db.execute(sql`delete from user_config`);
    const redirectUri = 'http://localhost:3000/api/tesla/callback';
    const authorize = new URL(`${FLEET_AUTH}/oauth2/v3/authorize`);
    for (const [k, v] of Object.entries({
      response_type: 'code',
      client_id: DEFAULT_CLIENT.clientId,
      redirect_uri: redirectUri,
      state: 'st',
      scope: 'openid offline_access user_data vehicle_device_data',
    })) {
      authorize.searchParams.set(k, v);
    }
    const code = new URL((await sim.handle(new Request(authorize))).headers.get('location')!).searchParams.get('code')!;
    expect(code.startsWith('EU_')).toBe(true);
    await tesla.connectWithCode({ code, redirectUri });
    expect((await tesla.getMe()).email).toBe(parkedCommuter.account.email);
    expect(await tesla.getConnectionStatus()).toMatchObject({ connected: true, region: 'eu', fleetApiBaseUrl: FLEET_API_BASE_URLS.eu });
    expect(sim.ledger.entries().map((e) => `${e.host} ${e.endpoint} ${e.status}`)).toEqual([
      `${new URL(FLEET_AUTH).host} authorize 302`,
      `${new URL(FLEET_AUTH).host} token 200`,
      `${hostOf('eu')} users/me 200`,
    ]);
    expect(wire.refreshSent).toHaveLength(0);
  });

  it('detects a tampered stored token and sends nothing', async () => {
    const { sim, tesla } = await setup(h);
    await h.db.execute(sql`update user_config set encryption_tag = ${Buffer.alloc(16, 7).toString('base64')}`);
    const err = await failure(tesla.getVehicles());
    expect(err).toBeInstanceOf(TokenDecryptError);
    expect((err as Error).message).toMatch(/refresh token could not be decrypted/);
    expect(sim.ledger.entries()).toHaveLength(0);
  });
});

/** True when every Fleet call the simulator saw succeeded. */
function fleetCallsOk(sim: Awaited<ReturnType<typeof connectedSim>>['sim']): boolean {
  return sim.ledger.entries().every((e) => e.status === 200);
}

describe(`lib/tesla regions and failures on ${testDriver()}`, () => {
  it('switches region on a 421: looks it up, persists the base URL, retries, then goes straight there', async () => {
    const { sim, tesla } = await setup(h, { region: 'na' }); // commuter lives in the EU
    const vehicles = await tesla.getVehicles();
    expect(vehicles.map((v) => v.vin)).toEqual([VIN]);
    await tesla.getVehicle(VIN);
    const fleet = sim.ledger.entries().filter((e) => e.category !== 'auth');
    expect(fleet.map((e) => `${e.host} ${e.endpoint} ${e.status}`)).toEqual([
      `${hostOf('na')} vehicles 421`,
      `${hostOf('na')} users/region 200`,
      `${hostOf('eu')} vehicles 200`,
      `${hostOf('eu')} vehicle 200`,
    ]);
    const [row] = await queryRows<{ region: string; url: string }>(
      h.db,
      sql`select tesla_region as region, tesla_fleet_api_base_url as url from user_config`,
    );
    expect(row).toEqual({ region: 'eu', url: FLEET_API_BASE_URLS.eu });
  });

  it('reports a 421 as TeslaRegionError when TESLA_FLEET_API_URL pins the base URL', async () => {
    const { sim, tesla } = await setup(h, { env: { TESLA_FLEET_API_URL: FLEET_API_BASE_URLS.na } });
    const err = await failure(tesla.getVehicles());
    expect(err).toBeInstanceOf(TeslaRegionError);
    expect((err as TeslaRegionError).suggestedBaseUrl).toBe(FLEET_API_BASE_URLS.eu);
    expect(byEndpoint(sim, 'users/region')).toHaveLength(0);
  });

  it('retries 5xx with backoff within a bounded budget; 5xx are never billed', async () => {
    const faults = { rate: 1, weights: { '500': 1, '503': 0, '540': 0, timeout: 0 } };
    const { sim, tesla } = await setup(h, { api: { faults }, config: { backoffBaseMs: 4_000, random: () => 0.5 } });
    const err = await failure(tesla.getVehicles());
    expect(err).toBeInstanceOf(TeslaApiError);
    expect((err as TeslaApiError).upstreamStatus).toBe(500);
    const attempts = byEndpoint(sim, 'vehicles');
    expect(attempts.map((e) => e.status)).toEqual([500, 500, 500]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(2_000); // 4 s · 2^0 · jitter 0.5
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(4_000); // 4 s · 2^1 · jitter 0.5
    faults.rate = 0;
    expect(await tesla.getVehicles()).toHaveLength(1);
    const [row] = await queryRows<{ n: number; cost: string }>(
      h.db,
      sql`select count(*)::int as n, sum(cost_usd) as cost from api_requests where status = 500 and not billable`,
    );
    expect(row!.n).toBe(3);
  });

  it('gives up on timeouts after the retry budget', async () => {
    const faults = { rate: 1, weights: { '500': 0, '503': 0, '540': 0, timeout: 1 }, hangMs: 5_000 };
    const { sim, tesla } = await setup(h, { api: { faults }, config: { timeoutMs: 50, maxAttempts: 2 } });
    const err = await failure(tesla.getVehicles());
    expect((err as TeslaApiError).code).toBe('tesla_unavailable');
    expect(byEndpoint(sim, 'vehicles').map((e) => e.fault)).toEqual(['timeout', 'timeout']);
    const [row] = await queryRows<{ n: number }>(
      h.db,
      sql`select count(*)::int as n from api_requests where status is null and cost_usd = 0`,
    );
    expect(row!.n).toBe(2);
  });

  it('never lets a token reach a log line, an error, the ledger or the cache', async () => {
    const secrets = wires.flatMap((w) => [...w.bearers, ...w.refreshSent, ...w.issued]);
    expect(secrets.length).toBeGreaterThan(10);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.some((l) => /token refresh failed/.test(l))).toBe(true);
    const { sim, tesla, wire } = await setup(h);
    await tesla.getVehicles();
    await tesla.getVehicleData(VIN);
    sim.advanceBy(HOUR);
    const stored = JSON.stringify([
      await queryRows(h.db, sql`select * from api_requests`),
      await queryRows(h.db, sql`select * from api_cache`),
    ]);
    const texts = [...lines, ...errors.map((e) => `${String(e)} ${JSON.stringify(e)} ${(e as Error).stack}`), stored];
    for (const secret of [...secrets, ...wire.bearers, ...wire.issued]) {
      for (const text of texts) expect(text.includes(secret), `a token leaked into: ${text.slice(0, 80)}`).toBe(false);
    }
  });
});
