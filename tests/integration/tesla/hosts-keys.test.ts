import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb, queryRows, type DbHandle } from '@/db/client';
import { userConfig } from '@/db/schema';
import { loadOrCreateDemoSecrets } from '@/lib/env';
import { FLEET_API_BASE_URLS } from '@/lib/fleet-api';
import { createSimulator, createSimulatorFetch } from '@/lib/simulator';
import { TeslaRegionError, TokenDecryptError, createTeslaClient, keyId, type FetchFn } from '@/lib/tesla';
import { testDriver } from '../../setup/test-db';
import { connectedSim, parkedCommuter, testEnv } from './harness';
import { useEmptyDb } from '../../setup/seeded-db';

/**
 * Issue 15, items 6 and 7: the Tesla access token only goes to Tesla's Fleet API hosts; stored
 * tokens are bound to their column and key, and the key can be rotated; one owner row at most.
 */
let h: DbHandle;
useEmptyDb((handle) => (h = handle));

const EVIL = 'https://fleet-api.evil.example.com';

/** The simulator behind a fetch that records where every bearer token went and lets a test rewrite answers. */
function interceptedSim(rewrite: (req: Request) => Response | undefined) {
  const sim = createSimulator({ scenario: parkedCommuter, seed: 1 });
  const inner = createSimulatorFetch(sim);
  const bearerHosts: string[] = [];
  const fetch: FetchFn = async (input, init) => {
    const req = new Request(input, init);
    if (req.headers.get('authorization')?.startsWith('Bearer ')) bearerHosts.push(new URL(req.url).host);
    if (new URL(req.url).host === new URL(EVIL).host) return Response.json({ response: [] }); // it would happily take the token
    return rewrite(req) ?? inner(req);
  };
  const tesla = createTeslaClient({ db: h.db, fetch, clock: sim.clock, env: testEnv(), config: { random: () => 0.5 } });
  return { sim, tesla, bearerHosts };
}

describe(`where the Tesla token goes, on ${testDriver()}`, () => {
  it('never to a host a 421 or the region answer names unless it is one of Tesla’s Fleet API hosts', async () => {
    const { sim, tesla, bearerHosts } = interceptedSim((req) => {
      const { pathname } = new URL(req.url);
      if (pathname === '/api/1/users/region') return Response.json({ response: { region: 'eu', fleet_api_base_url: EVIL } });
      if (pathname === '/api/1/vehicles')
        return Response.json({ response: null, error: `user out of region, use base URL: ${EVIL}, see the docs` }, { status: 421 });
      return undefined;
    });
    await tesla.storeRefreshToken(sim.initialRefreshToken, { region: 'na' });
    await expect(tesla.getVehicles()).rejects.toBeInstanceOf(TeslaRegionError);
    expect(bearerHosts.length).toBeGreaterThan(0);
    expect(bearerHosts.filter((host) => !Object.values(FLEET_API_BASE_URLS).some((u) => new URL(u).host === host))).toEqual([]);
    const [row] = await queryRows<{ url: string | null }>(h.db, sql`select tesla_fleet_api_base_url as url from user_config`);
    expect(row!.url).toBeNull();
  });

  it('ignores a stored base URL that is not Tesla’s (a tampered row) and uses the region’s', async () => {
    const { sim, tesla, bearerHosts } = interceptedSim(() => undefined);
    await tesla.storeRefreshToken(sim.initialRefreshToken, { region: 'eu' });
    await h.db.execute(sql`update user_config set tesla_fleet_api_base_url = ${EVIL}`);
    const vehicles = await tesla.getVehicles();
    expect(vehicles).toHaveLength(1);
    expect(bearerHosts).toEqual([new URL(FLEET_API_BASE_URLS.eu).host]);
  });
});

describe(`stored tokens at rest, on ${testDriver()}`, () => {
  it('are bound to their column: the refresh token’s cipher copied into the access token’s place does not decrypt', async () => {
    const { tesla } = await connectedSim(h);
    await h.db.execute(sql`update user_config set
      tesla_access_token_encrypted = tesla_refresh_token_encrypted, access_token_iv = encryption_iv,
      access_token_tag = encryption_tag, tesla_access_token_expires_at = now() + interval '1 day'`);
    await expect(tesla.getVehicles()).rejects.toBeInstanceOf(TokenDecryptError);
  });

  it('carry the id of their key, and `npm run keys:rotate` re-encrypts them under a new generated key', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tessie-rotate-'));
    try {
      const oldKey = loadOrCreateDemoSecrets(dataDir).ENCRYPTION_KEY;
      const { sim, client } = await connectedSim(h, { env: { ENCRYPTION_KEY: oldKey } });
      const before = await queryRows<{ rt: string }>(h.db, sql`select tesla_refresh_token_encrypted as rt from user_config`);
      expect(before[0]!.rt.startsWith(`v1.${keyId(oldKey)}.`)).toBe(true);

      const { rotateGeneratedKey } = await import('@/lib/key-rotation'); // loaded here: the other tests run without it
      const report = await rotateGeneratedKey(h.db, dataDir);
      const file = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
      expect(file.ENCRYPTION_KEY).not.toBe(oldKey);
      expect(file).not.toHaveProperty('ENCRYPTION_KEY_PREVIOUS'); // the old key is gone once every value moved
      expect(report).toEqual({ keyId: keyId(file.ENCRYPTION_KEY!), previousKeyId: keyId(oldKey), reencrypted: 1 });
      expect(statSync(path.join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
      const after = await queryRows<{ rt: string }>(h.db, sql`select tesla_refresh_token_encrypted as rt from user_config`);
      expect(after[0]!.rt.startsWith(`v1.${keyId(file.ENCRYPTION_KEY!)}.`)).toBe(true);

      // The app with the new key works (a refresh with the stored token); with the old key it cannot read it.
      await expect(client({ ENCRYPTION_KEY: oldKey }).getVehicles()).rejects.toBeInstanceOf(TokenDecryptError);
      expect((await client({ ENCRYPTION_KEY: file.ENCRYPTION_KEY! }).getVehicles()).map((v) => v.vin)).toHaveLength(1);
      expect(sim.ledger.entries().some((e) => e.endpoint === 'vehicles' && e.status === 200)).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a rotation stopped half-way (old key kept as ENCRYPTION_KEY_PREVIOUS) is still readable, and finishes next time', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tessie-rotate-'));
    try {
      const oldKey = loadOrCreateDemoSecrets(dataDir).ENCRYPTION_KEY;
      const { client } = await connectedSim(h, { env: { ENCRYPTION_KEY: oldKey } });
      const file = path.join(dataDir, 'secrets.json');
      const secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const newKey = 'ab'.repeat(32);
      writeFileSync(file, JSON.stringify({ ...secrets, ENCRYPTION_KEY: newKey, ENCRYPTION_KEY_PREVIOUS: oldKey })); // step 1 done, then a crash
      expect((await client({ ENCRYPTION_KEY: newKey, ENCRYPTION_KEY_PREVIOUS: oldKey }).getVehicles()).map((v) => v.vin)).toHaveLength(1);
      const { rotateGeneratedKey } = await import('@/lib/key-rotation');
      const report = await rotateGeneratedKey(h.db, dataDir);
      const final = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      expect(report.reencrypted).toBeGreaterThanOrEqual(2); // both tokens, the unfinished rotation's and this one's
      await expect(client({ ENCRYPTION_KEY: final.ENCRYPTION_KEY! }).getVehicles()).resolves.toHaveLength(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('live in the one owner row: a second user_config row is refused', async () => {
    await h.db.insert(userConfig).values({});
    await expect(h.db.insert(userConfig).values({})).rejects.toThrow();
    expect(await h.db.select({ id: userConfig.id }).from(userConfig)).toHaveLength(1);
  });
});

describe('the data folder', () => {
  it('is created readable by its owner only (0700), with the generated secrets at 0600', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'tessie-data-'));
    try {
      const dataDir = path.join(parent, 'nested', 'data');
      loadOrCreateDemoSecrets(dataDir);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
  it('holds an embedded database folder created 0700 too', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'tessie-data-'));
    try {
      const dir = path.join(parent, 'data', 'pglite');
      const handle = createDb({ pgliteDir: dir });
      await handle.db.execute(sql`select 1`);
      await handle.close();
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(path.dirname(dir)).mode & 0o777).toBe(0o700);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  }, 180_000); // a PGlite initdb on disk: slow on a busy machine
});
