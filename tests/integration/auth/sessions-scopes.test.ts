import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as authStatus from '@/app/api/auth/status/route';
import * as settings from '@/app/api/settings/route';
import * as tokens from '@/app/api/tokens/route';
import * as wake from '@/app/api/vehicles/[id]/wake/route';
import { installDbHandle } from '@/db';
import type { DbHandle } from '@/db/client';
import { createApiToken } from '@/lib/auth/api-tokens';
import { changeOwnerPassword, endAllSessions, setOwnerPassword } from '@/lib/auth/owner';
import { env } from '@/lib/env';
import { openTestDb, testDriver, truncateAll } from '../../setup/test-db';

/**
 * Issue 15, items 3–5: login sessions end when the password changes or on "sign out everywhere";
 * API tokens only do what their scopes allow; the login cookie only changes data from the app's own origin.
 */
let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
  installDbHandle(h);
});
afterAll(async () => h.close());
beforeEach(async () => truncateAll(h));

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const PASSWORD = 'correct horse battery';
const COOKIE = 'authjs.session-token';

/** A session cookie as Auth.js makes it at sign-in; `cv` is the credentials version it was made under. */
async function sessionCookie(claims: Record<string, unknown> = { cv: 1 }): Promise<string> {
  const jwt = await encode({ token: { sub: 'owner', name: 'Owner', ...claims }, secret: env().AUTH_SECRET, salt: COOKIE });
  return `${COOKIE}=${jwt}`;
}

async function call(
  handler: unknown,
  opts: { method?: string; headers?: Record<string, string>; body?: unknown; params?: Record<string, string> },
) {
  const req = new Request('http://tessie.example.com/api/x', {
    method: opts.method ?? 'GET',
    headers: { host: 'tessie.example.com', ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }), ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(opts.params ?? {}) });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

describe(`login sessions on ${testDriver()}`, () => {
  it('end when the owner password changes, on every route, and a new sign-in works again', async () => {
    await setOwnerPassword(h.db, PASSWORD);
    const cookie = await sessionCookie();
    expect((await call(authStatus.GET, { headers: { cookie } })).status).toBe(200);
    await setOwnerPassword(h.db, 'a different password', { force: true }); // OWNER_PASSWORD changed at start-up
    expect((await call(authStatus.GET, { headers: { cookie } })).status).toBe(401);
    expect((await call(authStatus.GET, { headers: { cookie: await sessionCookie({ cv: 2 }) } })).status).toBe(200);
  });

  it('stay when OWNER_PASSWORD sets the same password at the next start', async () => {
    await setOwnerPassword(h.db, PASSWORD);
    const cookie = await sessionCookie();
    await setOwnerPassword(h.db, PASSWORD, { force: true });
    expect((await call(authStatus.GET, { headers: { cookie } })).status).toBe(200);
  });

  it('all end on "sign out everywhere" and on a password change in Settings; a session without a version never counts', async () => {
    await setOwnerPassword(h.db, PASSWORD);
    const first = await sessionCookie();
    await endAllSessions(h.db);
    expect((await call(authStatus.GET, { headers: { cookie: first } })).status).toBe(401);
    const second = await sessionCookie({ cv: 2 });
    expect((await call(authStatus.GET, { headers: { cookie: second } })).status).toBe(200);
    await changeOwnerPassword(h.db, { current: PASSWORD, next: 'another long password', client: '203.0.113.9' });
    expect((await call(authStatus.GET, { headers: { cookie: second } })).status).toBe(401);
    expect((await call(authStatus.GET, { headers: { cookie: await sessionCookie({}) } })).status).toBe(401);
  });
});

describe(`API token scopes on ${testDriver()}`, () => {
  it('a read token reads, but cannot create tokens, change settings or wake a car', async () => {
    const { token } = await createApiToken(h.db, 'home assistant');
    const auth = { authorization: `Bearer ${token}` };
    expect((await call(settings.GET, { headers: auth })).status).toBe(200);
    const refused = [
      await call(tokens.POST, { method: 'POST', headers: auth, body: { name: 'more', scopes: ['admin'] } }),
      await call(tokens.GET, { headers: auth }),
      await call(settings.PUT, { method: 'PUT', headers: auth, body: { monthlyBudgetUsd: 10_000 } }),
      await call(wake.POST, { method: 'POST', headers: auth, params: { id: '00000000-0000-4000-8000-000000000000' } }),
    ];
    expect(refused.map((r) => `${r.status} ${r.body.error.code}`)).toEqual(Array(4).fill('403 insufficient_scope'));
    expect((await call(settings.GET, { headers: auth })).body.settings.monthlyBudgetUsd).not.toBe(10_000);
  });

  it('sync may wake (the car lookup answers), admin may make tokens with the scopes asked for', async () => {
    const { token: sync } = await createApiToken(h.db, 'sync', ['sync']);
    const res = await call(wake.POST, {
      method: 'POST',
      headers: { authorization: `Bearer ${sync}` },
      params: { id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(res.status).toBe(404); // past the scope check: no such car
    const { token: admin } = await createApiToken(h.db, 'admin', ['admin']);
    const made = await call(tokens.POST, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: { name: 'reader', scopes: ['read', 'sync'] },
    });
    expect(made.status).toBe(201);
    expect(made.body.scopes).toEqual(['read', 'sync']);
    const listed = await call(tokens.GET, { headers: { authorization: `Bearer ${admin}` } });
    expect(listed.body.tokens.map((t: { name: string; scopes: string[] }) => `${t.name}: ${t.scopes.join(',')}`).sort()).toEqual([
      'admin: admin',
      'reader: read,sync',
      'sync: sync',
    ]);
    const bad = await call(tokens.POST, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: { name: 'x', scopes: ['root'] },
    });
    expect(bad.status).toBe(422);
  });
});

describe(`cross-site requests on ${testDriver()}`, () => {
  const change = { method: 'PUT', body: { distanceUnit: 'mi' } };

  it('refuses a state-changing request made with the login cookie from another origin, or without saying where from', async () => {
    await setOwnerPassword(h.db, PASSWORD);
    const cookie = await sessionCookie();
    for (const extra of <Record<string, string>[]>[
      { origin: 'https://evil.example.com' },
      { origin: 'https://sibling.tessie.example.com', 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      {},
    ]) {
      const res = await call(settings.PUT, { ...change, headers: { cookie, ...extra } });
      expect(`${res.status} ${res.body.error?.code}`, JSON.stringify(extra)).toBe('403 cross_site_request');
    }
    expect((await call(settings.GET, { headers: { cookie } })).body.settings.distanceUnit).toBe('km');
  });

  it("lets the app's own pages through (Origin of this host, or Sec-Fetch-Site: same-origin), and API tokens without an Origin", async () => {
    await setOwnerPassword(h.db, PASSWORD);
    const cookie = await sessionCookie();
    expect((await call(settings.PUT, { ...change, headers: { cookie, origin: 'https://tessie.example.com' } })).status).toBe(200);
    expect((await call(settings.PUT, { ...change, headers: { cookie, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    const { token } = await createApiToken(h.db, 'script', ['admin']);
    expect((await call(settings.PUT, { ...change, headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});
