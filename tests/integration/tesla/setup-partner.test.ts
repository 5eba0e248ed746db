import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '@/db/client';
import { FLEET_AUTH_TOKEN_URL } from '@/lib/fleet-api';
import { DEFAULT_CLIENT, createSimulator, createSimulatorFetch, type Simulator } from '@/lib/simulator';
import {
  createTeslaClient,
  getConnectionReport,
  publicKeyPointHex,
  readPartnerRecord,
  recordPartnerRegistration,
  registrationReason,
} from '@/lib/tesla';
import { writeKeyPair } from '@/lib/tesla/key-files';
import { runTeslaSetup, type SetupOptions } from '@/lib/tesla/setup';
import { openTestDb, testDriver, truncateAll } from '../../setup/test-db';
import { parkedCommuter, testEnv } from './harness';

/**
 * `npm run tesla:setup`'s core against the simulator (no network): key pair on disk, partner token
 * (client_credentials), POST /api/1/partner_accounts per region verified with
 * GET /api/1/partner_accounts/public_key, the recorded registration, and the settings checklist
 * explaining a 412 before registration.
 */
const DOMAIN = 'stats.example.com';
let h: DbHandle;
let served: string | undefined; // what https://stats.example.com/.well-known/... serves
let sim: Simulator;
const lines: string[] = [];

function newSim() {
  return createSimulator({
    scenario: parkedCommuter,
    seed: 1,
    api: { requirePartnerRegistration: true },
    client: { fetchDomainPublicKey: (d) => (d === DOMAIN ? served : undefined) },
  });
}
const opts = (out: string, extra: Partial<SetupOptions> = {}): SetupOptions => ({
  out,
  domain: DOMAIN,
  regions: ['na', 'eu'],
  clientId: DEFAULT_CLIENT.clientId,
  clientSecret: DEFAULT_CLIENT.clientSecret,
  tokenUrl: FLEET_AUTH_TOKEN_URL,
  ...extra,
});
const deps = () => ({
  fetch: createSimulatorFetch(sim),
  print: (l: string) => lines.push(l),
  record: (r: { domain: string; region: 'na' | 'eu' | 'cn'; at: Date }) => recordPartnerRegistration(h.db, r),
});

beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await truncateAll(h);
  lines.length = 0;
  sim = newSim();
});

describe(`tesla:setup against the simulator (${testDriver()})`, () => {
  it('creates the key pair (0600), registers and verifies the domain in each region, records it, prints no secret', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'tesla-keys-')), 'keys');
    // First run: keys created; the domain does not serve the key yet, so Tesla refuses it.
    const first = await runTeslaSetup(opts(out), deps());
    expect(first.keys.created).toBe(true);
    expect(statSync(first.keys.privateKeyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.keys.privateKeyPath, 'utf8')).toMatch(/BEGIN EC PRIVATE KEY/);
    expect(first.ok).toBe(false);
    expect(first.registrations.map((r) => [r.region, r.ok, r.status])).toEqual([
      ['na', false, 400],
      ['eu', false, 400],
    ]);
    expect(await readPartnerRecord(h.db)).toBeUndefined();
    // The key is deployed: the second run reuses the pair (nothing overwritten) and registers.
    served = first.keys.publicKeyPem;
    const second = await runTeslaSetup(opts(out), deps());
    expect(second.keys.created).toBe(false);
    expect(second.keys.publicKeyPem).toBe(first.keys.publicKeyPem);
    expect(second.ok).toBe(true);
    expect(second.registrations).toEqual([
      { region: 'na', ok: true, status: 200, verified: true },
      { region: 'eu', ok: true, status: 200, verified: true },
    ]);
    const partnerCalls = sim.ledger.entries().filter((e) => e.endpoint.startsWith('partner_accounts') || e.endpoint === 'token');
    expect(partnerCalls.map((e) => `${e.host.split('.')[2] ?? e.host} ${e.endpoint} ${e.status}`)).toEqual([
      'vn token 200',
      'na partner_accounts 400',
      'vn token 200',
      'eu partner_accounts 400',
      'vn token 200',
      'na partner_accounts 200',
      'na partner_accounts/public_key 200',
      'vn token 200',
      'eu partner_accounts 200',
      'eu partner_accounts/public_key 200',
    ]);
    const record = await readPartnerRecord(h.db);
    expect(record?.domain).toBe(DOMAIN);
    expect(Object.keys(record!.regions).sort()).toEqual(['eu', 'na']);
    const text = lines.join('\n');
    expect(text).toContain(`TESLA_PUBLIC_KEY=${Buffer.from(first.keys.publicKeyPem).toString('base64')}`);
    expect(text).toContain('Allowed redirect URI:  https://stats.example.com/api/tesla/callback');
    expect(text).not.toContain(DEFAULT_CLIENT.clientSecret);
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain(readFileSync(first.keys.privateKeyPath, 'utf8').split('\n')[1]!);
  });

  it('refuses to overwrite a key file, and explains a refused partner token', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tesla-keys-'));
    writeFileSync(path.join(dir, 'private-key.pem'), 'keep me');
    await expect(runTeslaSetup(opts(dir), deps())).rejects.toThrow(/refusing to overwrite/);
    expect(() => writeKeyPair(dir)).toThrow(/refusing to overwrite/);
    expect(readFileSync(path.join(dir, 'private-key.pem'), 'utf8')).toBe('keep me');
    const out = path.join(dir, 'other');
    const bad = await runTeslaSetup(opts(out, { clientSecret: 'wrong-secret', regions: ['eu'] }), deps());
    expect(bad.ok).toBe(false);
    expect(bad.registrations[0]).toMatchObject({ region: 'eu', ok: false, status: null });
    expect(bad.registrations[0]!.ok === false && bad.registrations[0]!.reason).toMatch(
      /refused the partner token \(401 unauthorized_client\)/,
    );
    expect(lines.join('\n')).not.toContain('wrong-secret');
  });

  it('reports a Tesla key that differs from ours', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'tesla-keys-')), 'keys');
    const other = writeKeyPair(path.join(path.dirname(out), 'other'));
    served = other.publicKeyPem; // the domain serves some other key
    const report = await runTeslaSetup(opts(out, { regions: ['eu'] }), deps());
    expect(report.registrations).toEqual([{ region: 'eu', ok: true, status: 200, verified: false }]);
    expect(report.ok).toBe(false);
    expect(publicKeyPointHex(other.publicKeyPem)).toMatch(/^04[0-9a-f]{128}$/);
    expect(lines.join('\n')).toMatch(/DIFFERENT public key/);
  });

  it('explains 412 and 421 registration failures', () => {
    expect(registrationReason(412, 'Account x must be registered in the current region')).toMatch(
      /^412 not registered.*must match an allowed origin.*Tesla said: Account x/,
    );
    expect(registrationReason(421, 'user out of region')).toMatch(/^421 wrong region/);
    expect(registrationReason(null, 'TimeoutError')).toMatch(/did not answer/);
  });
});

describe(`connection checklist before and after registration (${testDriver()})`, () => {
  it('shows 412 "not registered" for the partner step until the account’s region is registered', async () => {
    served = undefined;
    const tesla = createTeslaClient({
      db: h.db,
      fetch: createSimulatorFetch(sim),
      clock: sim.clock,
      env: testEnv(),
      config: { random: () => 0.5 },
    });
    await tesla.storeRefreshToken(sim.initialRefreshToken);
    const env = testEnv();
    const before = await tesla.probeConnection();
    expect(before).toMatchObject({ ok: false, step: 'partner', status: 412 });
    const report = await getConnectionReport({ db: h.db, env, mode: 'live', clientId: DEFAULT_CLIENT.clientId, probe: before });
    const partner = report.steps.find((s) => s.id === 'partner')!;
    expect(partner.state).toBe('failed');
    expect(partner.detail).toMatch(/^412 not registered: the app is not registered in the EU region/);
    expect(report.steps.find((s) => s.id === 'key')!.state).toBe('pending');
    // Register in EU only through the setup core; the probe then succeeds.
    served = writeKeyPair(path.join(mkdtempSync(path.join(tmpdir(), 'tesla-keys-')), 'k')).publicKeyPem;
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'tesla-keys-')), 'keys');
    await runTeslaSetup(opts(out, { regions: ['eu'] }), deps());
    const after = await tesla.probeConnection();
    expect(after.ok).toBe(true);
    const ok = await getConnectionReport({ db: h.db, env, mode: 'live', clientId: DEFAULT_CLIENT.clientId, probe: after });
    expect(ok.steps.map((s) => `${s.id}:${s.state}`)).toEqual(['client:ok', 'key:pending', 'partner:ok', 'account:ok', 'scopes:ok']);
    expect(ok.steps.find((s) => s.id === 'partner')!.detail).toBe(`Registered (${DOMAIN}: EU).`);
    const [row] = await queryRows<{ s: Record<string, unknown> }>(h.db, sql`select settings as s from user_config`);
    expect(row!.s.teslaPartner).toMatchObject({ domain: DOMAIN });
  });
});
