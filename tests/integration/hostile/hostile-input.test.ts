import { readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vehicleHistory from '@/app/api/vehicles/[id]/history/route';
import * as vehicle from '@/app/api/vehicles/[id]/route';
import * as vehicleState from '@/app/api/vehicles/[id]/state/route';
import * as session from '@/app/api/charging/sessions/[id]/route';
import * as sessions from '@/app/api/charging/sessions/route';
import * as chargingStats from '@/app/api/charging/stats/route';
import * as driverStats from '@/app/api/drivers/[id]/stats/route';
import * as driver from '@/app/api/drivers/[id]/route';
import * as drivers from '@/app/api/drivers/route';
import * as driveDriver from '@/app/api/drives/[id]/driver/route';
import * as drive from '@/app/api/drives/[id]/route';
import * as drives from '@/app/api/drives/route';
import * as siteHistory from '@/app/api/energy/sites/[id]/history/route';
import * as siteLive from '@/app/api/energy/sites/[id]/live/route';
import * as site from '@/app/api/energy/sites/[id]/route';
import * as solarStats from '@/app/api/energy/solar/stats/route';
import * as sessionsCsv from '@/app/api/export/charging-sessions.csv/route';
import * as drivesCsv from '@/app/api/export/drives.csv/route';
import * as energyCsv from '@/app/api/export/energy-daily.csv/route';
import * as location from '@/app/api/locations/[id]/route';
import * as locations from '@/app/api/locations/route';
import * as tariff from '@/app/api/tariffs/[id]/route';
import * as settings from '@/app/api/settings/route';
import * as tariffs from '@/app/api/tariffs/route';
import * as usage from '@/app/api/usage/route';
import * as teslaToken from '@/app/api/auth/token/route';
import * as teslaCallback from '@/app/api/tesla/callback/route';
import * as teslaStatus from '@/app/api/tesla/status/route';
import * as vehicleWake from '@/app/api/vehicles/[id]/wake/route';
import { queryRows, type DbHandle } from '@/db/client';
import { hasControl } from '@/lib/api/query';
import { createApiToken } from '@/lib/auth/api-tokens';
import { setOwnerPassword } from '@/lib/auth/owner';
import { env } from '@/lib/env';
import { setAppTeslaForTests } from '@/lib/runtime';
import { testDriver } from '../../setup/test-db';
import { caller, openSeeded, type Call, type CallOptions, type Seeded } from '../../setup/seeded-db';

// The environment's API token: checked in memory, so authenticating writes nothing (api_tokens stays
// in the fingerprint). Every scope, so each case reaches the route's own validation. Set before anything reads env().
const ENV_TOKEN = 'hostile-suite-env-token-0123456789';
process.env.API_TOKEN = ENV_TOKEN;
process.env.API_TOKEN_SCOPES = 'read,sync,admin';

/**
 * Hostile input, generated as a table × routes: every case must get the expected 4xx (never a 5xx),
 * a JSON error with a code and a readable message, and leave the database exactly as it was
 * (row count and an md5 of every table's rows).
 */
const HOSTILE: Record<string, string> = {
  sqlQuote: "' OR '1'='1",
  sqlDrop: '1; DROP TABLE vehicles; --',
  sqlUnion: "x' UNION SELECT token_hash FROM api_tokens --",
  script: '<script>alert(1)</script>',
  nul: 'a\u0000b',
  newline: 'a\r\nSet-Cookie: x=1',
  long: 'x'.repeat(10_000),
  traversal: '../../etc/passwd',
  operator: '{"$gt":""}',
  impossibleDate: '2026-02-30',
  badTime: '2026-03-01T25:61:00Z',
  negative: '-1',
  huge: '1e309',
  hex: '0x10',
  empty: '',
  space: ' ',
  emoji: '🚗💥',
  nullWord: 'null',
};

type Case = { name: string; handler: unknown; path: string; opts: CallOptions; expect: number[] };
const cases: Case[] = [];
const none = '00000000-0000-4000-8000-000000000000';

let h: DbHandle;
let data: Seeded;
let call: Call;

/** Filled after seeding (ids of real rows), so the cases are built lazily. */
function buildCases(d: Seeded): void {
  const enc = encodeURIComponent;
  // 1. Hostile path ids: malformed ids are 404 like unknown ones, before any body is read.
  const byId: [string, unknown, string?][] = [
    ['vehicles/:id', vehicle.GET],
    ['vehicles/:id/state', vehicleState.GET],
    ['vehicles/:id/history', vehicleHistory.GET],
    ['charging/sessions/:id', session.GET],
    ['energy/sites/:id', site.GET],
    ['energy/sites/:id/live', siteLive.GET],
    ['energy/sites/:id/history', siteHistory.GET],
    ['drivers/:id', driver.GET],
    ['drivers/:id', driver.PUT, 'PUT'],
    ['drivers/:id/stats', driverStats.GET],
    ['drives/:id', drive.GET],
    ['locations/:id', location.GET],
    ['locations/:id', location.PUT, 'PUT'],
    ['locations/:id', location.DELETE, 'DELETE'],
    ['tariffs/:id', tariff.GET],
    ['tariffs/:id', tariff.PUT, 'PUT'],
    ['tariffs/:id', tariff.DELETE, 'DELETE'],
    ['drivers/:id', driver.DELETE, 'DELETE'],
    ['drives/:id/driver', driveDriver.PUT, 'PUT'],
    ['vehicles/:id/wake', vehicleWake.POST, 'POST'],
  ];
  for (const [route, handler, method = 'GET'] of byId) {
    for (const [label, value] of Object.entries({ ...HOSTILE, unknownUuid: none, vinLike: 'AAAAAAAAAAAAAAAAA' })) {
      const body = method === 'PUT' ? { name: 'Changed' } : undefined;
      cases.push({
        name: `${method} /api/${route} id=${label}`,
        handler,
        path: '/x',
        opts: { method, params: { id: value }, body },
        expect: [404],
      });
    }
  }
  // 2. Hostile query values: every parameter of every query route gets every hostile value.
  const queryRoutes: [string, unknown, Record<string, string>, string[], string[]?][] = [
    ['vehicles/:id/history', vehicleHistory.GET, { id: d.vehicles.red.id }, ['from', 'to', 'resolution', 'tz', 'limit']],
    ['charging/sessions', sessions.GET, {}, ['vehicle', 'location', 'source', 'chargerType', 'from', 'to', 'limit', 'cursor', 'page']],
    ['charging/stats', chargingStats.GET, {}, ['period', 'from', 'to', 'tz', 'vehicle']],
    ['energy/sites/:id/history', siteHistory.GET, { id: d.site.id }, ['period', 'from', 'to', 'limit']],
    ['energy/solar/stats', solarStats.GET, {}, ['from', 'to'], ['site']],
    ['drives', drives.GET, {}, ['vehicle', 'driver', 'from', 'to', 'limit', 'cursor', 'page']],
    ['drivers/:id/stats', driverStats.GET, { id: d.drivers.alice.id }, ['from', 'to']],
    ['usage', usage.GET, {}, ['month']],
    ['export/charging-sessions.csv', sessionsCsv.GET, {}, ['vehicle', 'location', 'source', 'chargerType', 'from', 'to']],
    ['export/drives.csv', drivesCsv.GET, {}, ['vehicle', 'driver', 'from', 'to']],
    ['export/energy-daily.csv', energyCsv.GET, {}, ['from', 'to'], ['site']],
    ['tesla/status', teslaStatus.GET, {}, ['check']],
  ];
  for (const [route, handler, params, keys, lookupKeys = []] of queryRoutes) {
    for (const key of [...keys, ...lookupKeys]) {
      for (const [label, value] of Object.entries(HOSTILE)) {
        // A free-text lookup parameter (site) that names nothing is 404; a long one is refused (400) first.
        const expected = lookupKeys.includes(key) && value.length <= 200 && !hasControl(value) ? [404] : [400];
        cases.push({
          name: `GET /api/${route}?${key}=${label}`,
          handler,
          path: `/api/${route}?${key}=${enc(value)}`,
          opts: { params },
          expect: expected,
        });
      }
    }
    cases.push({
      name: `GET /api/${route}?unknown`,
      handler,
      path: `/api/${route}?${enc('<svg onload=1>')}=1`,
      opts: { params },
      expect: [400],
    });
    cases.push({
      name: `GET /api/${route}?from twice`,
      handler,
      path: `/api/${route}?from=2026-01-01&from=2026-02-01`,
      opts: { params },
      expect: [400],
    });
  }
  // 3. Hostile bodies: malformed, wrong type, oversized, and a hostile value in each field.
  const bodyRoutes: [string, unknown, string, Record<string, string>, Record<string, unknown>][] = [
    ['drivers', drivers.POST, 'POST', {}, { name: 'Dana' }],
    ['drivers/:id', driver.PUT, 'PUT', { id: d.drivers.bob.id }, { name: 'Dana' }],
    ['locations', locations.POST, 'POST', {}, { name: 'Gym', latitude: 1, longitude: 2 }],
    ['locations/:id', location.PUT, 'PUT', { id: d.locations.work.id }, { name: 'Gym' }],
    ['tariffs', tariffs.POST, 'POST', {}, { name: 'T', kind: 'flat', currency: 'EUR', pricePerKwh: 0.3 }],
    ['tariffs/:id', tariff.PUT, 'PUT', { id: d.tariffs.home.id }, { name: 'T' }],
    ['drives/:id/driver', driveDriver.PUT, 'PUT', { id: d.drives.d1.id }, { driverId: d.drivers.bob.id }],
    ['settings', settings.PUT, 'PUT', {}, { distanceUnit: 'mi' }],
    ['auth/token', teslaToken.POST, 'POST', {}, { refreshToken: 'EU_0123456789abcdef0123' }],
  ];
  const raw: [string, string, number, Record<string, string>?][] = [
    ['empty', '', 400],
    ['not json', 'name=Dana', 400],
    ['truncated', '{"name":', 400],
    ['null', 'null', 422],
    ['array', '[]', 422],
    ['string', '"Dana"', 422],
    ['number', '42', 422],
    ['oversized', JSON.stringify({ name: 'x'.repeat(70_000) }), 413],
    ['form type', '{"name":"Dana"}', 415, { 'content-type': 'application/x-www-form-urlencoded' }],
    ['lying length', '{"name":"Dana"}', 413, { 'content-length': String(10 ** 9) }],
    ['infinite number', '{"name":1e400}', 422],
    ['proto key', '{"name":"Dana","__proto__":{"isAdmin":true}}', 422],
    ['constructor key', '{"name":"Dana","constructor":{"prototype":{}}}', 422],
  ];
  const fieldValues: Record<string, unknown> = {
    long: 'x'.repeat(10_000),
    nul: 'Da\u0000na',
    script: '<script>alert(1)</script>',
    empty: '',
    hugeNumber: 1_000_000,
    negative: -1,
    null: null,
    object: { $gt: '' },
    array: ['a'],
    bool: true,
  };
  for (const [route, handler, method, params, valid] of bodyRoutes) {
    for (const [label, body, status, headers] of raw) {
      cases.push({
        name: `${method} /api/${route} body=${label}`,
        handler,
        path: '/x',
        opts: { method, params, rawBody: body, headers },
        expect: [status],
      });
    }
    const fields =
      route === 'auth/token'
        ? ['refreshToken']
        : route.startsWith('drivers')
          ? ['name', 'profileId', 'rules', 'priority']
          : route.startsWith('locations')
            ? ['name', 'latitude', 'longitude', 'radiusM', 'tariffId', 'isHome']
            : route.startsWith('drives/')
              ? ['driverId']
              : route === 'settings'
                ? ['distanceUnit', 'temperatureUnit', 'currency', 'timeZone', 'solarAttributionRule', 'monthlyBudgetUsd']
                : ['name', 'kind', 'currency', 'pricePerKwh', 'periods', 'sessionFee'];
    for (const field of fields) {
      for (const [label, value] of Object.entries(fieldValues)) {
        if (field === 'profileId' && value === null) continue; // null clears the profile: valid
        if (field === 'tariffId' && value === null) continue; // null removes the tariff: valid
        if (field === 'driverId' && value === null) continue; // null: nobody drove it, by hand: valid
        if (field === 'isHome' && value === true) continue;
        if (field === 'latitude' && value === -1) continue;
        if (field === 'longitude' && value === -1) continue;
        cases.push({
          name: `${method} /api/${route} ${field}=${label}`,
          handler,
          path: '/x',
          opts: { method, params, body: { ...valid, [field]: value } },
          expect: [422],
        });
      }
    }
    cases.push({
      name: `${method} /api/${route} unknown field`,
      handler,
      path: '/x',
      opts: { method, params, body: { ...valid, role: 'admin' } },
      expect: [422],
    });
  }
  // 4. The public OAuth callback: hostile state/code/error values never get past the sealed-cookie check.
  for (const key of ['state', 'code', 'error']) {
    for (const [label, value] of Object.entries(HOSTILE)) {
      const extra = key === 'state' ? '' : '&state=x';
      cases.push({
        name: `GET /api/tesla/callback?${key}=${label}`,
        handler: teslaCallback.GET,
        path: `/api/tesla/callback?${key}=${enc(value)}${extra}`,
        opts: { headers: { cookie: `tessie_tesla_oauth=${enc(value)}` } },
        expect: [400],
      });
    }
  }
  cases.push({
    name: 'GET /api/tesla/callback state too long',
    handler: teslaCallback.GET,
    path: `/api/tesla/callback?state=${'s'.repeat(5000)}`,
    opts: {},
    expect: [400],
  });
}

/**
 * Row count and md5 of every table's rows (in a stable order). A stored API token's last use is
 * left out: a refused request made with it is still a use of it, and Settings shows it.
 */
async function fingerprint(db: DbHandle['db']): Promise<Record<string, string>> {
  const tables = await queryRows<{ tablename: string }>(db, sql`select tablename from pg_tables where schemaname = 'public' order by 1`);
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const rowText =
      tablename === 'api_tokens' ? sql`(t.id, t.name, t.token_hash, t.prefix, t.scopes, t.created_at, t.revoked_at)::text` : sql`t::text`;
    const [row] = await queryRows<{ n: number; h: string | null }>(
      db,
      sql`select count(*)::int as n, md5(coalesce(string_agg(${rowText}, '|' order by ${rowText}), '')) as h from ${sql.identifier(tablename)} t`,
    );
    out[tablename] = `${row!.n}:${row!.h}`;
  }
  return out;
}

let before: Record<string, string>;
let readToken: string;
let readTokenId: string;
let ownerCookie: string;
beforeAll(async () => {
  // No case may reach Tesla: a call would throw here and show up as a 500.
  setAppTeslaForTests(async () => {
    throw new Error('the hostile suite must never reach the Tesla client');
  });
  ({ h, data } = await openSeeded());
  call = caller(ENV_TOKEN);
  buildCases(data);
  // For the scope and origin cases: a read-only token and the owner's login session.
  await setOwnerPassword(h.db, 'correct horse battery');
  const made = await createApiToken(h.db, 'read only');
  readToken = made.token;
  readTokenId = made.info.id;
  const jwt = await encode({ token: { sub: 'owner', name: 'Owner', cv: 1 }, secret: env().AUTH_SECRET, salt: 'authjs.session-token' });
  ownerCookie = `authjs.session-token=${jwt}`;
  before = await fingerprint(h.db);
});
afterAll(async () => {
  setAppTeslaForTests(undefined);
  await h.close();
});

describe(`hostile input on ${testDriver()}`, () => {
  it('generates at least 200 cases over every data route', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.handler)).size).toBe(35);
  });

  it('answers every case with the expected 4xx and a readable JSON error, never a 5xx', async () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await call(c.handler, c.path, c.opts);
      const ok =
        c.expect.includes(res.status) &&
        typeof res.body === 'object' &&
        typeof res.body?.error?.code === 'string' &&
        typeof res.body.error.message === 'string' &&
        res.body.error.message.length < 600 &&
        !res.body.error.message.includes('\u0000');
      if (!ok) wrong.push(`${c.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(wrong.join('\n')).toBe('');
  });

  it('left the database exactly as it was', async () => {
    expect(await fingerprint(h.db)).toEqual(before);
  });

  it('stores SQL-looking text verbatim as a plain value (parameterised, never executed)', async () => {
    const name = "Robert'); DROP TABLE drivers;--";
    const res = await call(drivers.POST, '/api/drivers', { method: 'POST', body: { name } });
    expect(res.status).toBe(201);
    expect(res.body.driver.name).toBe(name);
    const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from drivers`);
    expect(row!.n).toBe(3);
  });
});

/**
 * Issue 15, items 4 and 5: every route that changes something, found by walking app/api (so a new
 * one cannot be forgotten), is refused for a `read` token and for the owner's login cookie sent
 * from another origin, with a request that would otherwise succeed (real ids, a valid body), and
 * the database stays as it was.
 */
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const apiDir = path.resolve(import.meta.dirname, '../../../app/api');
/** Public by design (see route-guard.test.ts), or the cron's own secret. */
const NOT_OWNER_ROUTES = new Set(['health', 'auth/[...nextauth]', '[...path]', 'tesla/callback', 'sync/cron']);
/** GET routes that start something (the Tesla connection) or show secrets' metadata: admin scope. */
const ADMIN_GETS = new Set(['tokens', 'tesla/connect', 'tesla/simulator/authorize']);

function routeFiles(dir: string, rel = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const next = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return routeFiles(path.join(dir, e.name), next);
    return e.name === 'route.ts' ? [rel] : [];
  });
}

/** A request each guarded route would carry out: real ids from the seed, a valid body. */
function validRequest(route: string, method: Method, d: Seeded): { params: Record<string, string>; body?: unknown } {
  const table: Record<string, { params?: Record<string, string>; body?: unknown }> = {
    'POST auth/token': { body: { refreshToken: 'EU_0123456789abcdef0123' } },
    'DELETE auth/token': {},
    'POST drivers': { body: { name: 'Dana' } },
    'PUT drivers/[id]': { params: { id: d.drivers.bob.id }, body: { name: 'Dana' } },
    'DELETE drivers/[id]': { params: { id: d.drivers.bob.id } },
    'PUT drives/[id]/driver': { params: { id: d.drives.d1.id }, body: { driverId: d.drivers.bob.id } },
    'POST locations': { body: { name: 'Gym', latitude: 1, longitude: 2 } },
    'PUT locations/[id]': { params: { id: d.locations.work.id }, body: { name: 'Gym' } },
    'DELETE locations/[id]': { params: { id: d.locations.work.id } },
    'POST tariffs': { body: { name: 'T', kind: 'flat', currency: 'EUR', pricePerKwh: 0.3 } },
    'PUT tariffs/[id]': { params: { id: d.tariffs.home.id }, body: { name: 'T' } },
    'DELETE tariffs/[id]': { params: { id: d.tariffs.home.id } },
    'PUT settings': { body: { monthlyBudgetUsd: 10_000 } },
    'POST sync/trigger': {},
    'POST tokens': { body: { name: 'another', scopes: ['admin'] } },
    'DELETE tokens/[id]': { params: { id: readTokenId } },
    'POST vehicles/[id]/wake': { params: { id: d.vehicles.red.id } },
    'GET tokens': {},
    'GET tesla/connect': {},
    'GET tesla/simulator/authorize': {},
  };
  const entry = table[`${method} ${route}`];
  if (!entry) throw new Error(`no valid request for ${method} /api/${route}: add one to this table`);
  return { params: entry.params ?? {}, body: entry.body };
}

async function guardedRoutes(): Promise<{ route: string; method: Method; handler: unknown }[]> {
  const out: { route: string; method: Method; handler: unknown }[] = [];
  for (const route of routeFiles(apiDir).filter((r) => !NOT_OWNER_ROUTES.has(r))) {
    const mod = (await import(path.join(apiDir, route, 'route.ts'))) as Partial<Record<Method, unknown>>;
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      if (typeof mod[method] !== 'function') continue;
      if (method !== 'GET' || ADMIN_GETS.has(route)) out.push({ route, method, handler: mod[method] });
    }
  }
  return out;
}

async function send(handler: unknown, method: Method, params: Record<string, string>, body: unknown, headers: Record<string, string>) {
  const req = new Request('http://localhost/x', {
    method,
    headers: { host: 'localhost', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await (handler as (r: Request, c: unknown) => Promise<Response>)(req, { params: Promise.resolve(params) });
  const json = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
  return `${res.status} ${json?.error?.code ?? ''}`.trim();
}

describe(`scopes and origins on ${testDriver()}`, () => {
  let untouched: Record<string, string>;
  beforeAll(async () => {
    untouched = await fingerprint(h.db);
  });

  it('finds every state-changing route (at least the 17 of today)', async () => {
    const routes = await guardedRoutes();
    expect(routes.filter((r) => r.method !== 'GET').length).toBeGreaterThanOrEqual(17);
  });

  it('refuses each for a read-only API token (403 insufficient_scope)', async () => {
    const wrong: string[] = [];
    for (const { route, method, handler } of await guardedRoutes()) {
      const { params, body } = validRequest(route, method, data);
      const got = await send(handler, method, params, body, { authorization: `Bearer ${readToken}` });
      if (got !== '403 insufficient_scope') wrong.push(`${method} /api/${route}: ${got}`);
    }
    expect(wrong.join('\n')).toBe('');
  });

  it('refuses each state-changing one for the login cookie from a foreign Origin or a sibling site (403 cross_site_request)', async () => {
    const wrong: string[] = [];
    for (const { route, method, handler } of (await guardedRoutes()).filter((r) => r.method !== 'GET')) {
      const { params, body } = validRequest(route, method, data);
      for (const foreign of <Record<string, string>[]>[
        { origin: 'https://evil.example.com', 'sec-fetch-site': 'cross-site' },
        { origin: 'http://sibling.localhost', 'sec-fetch-site': 'same-site' },
        { 'sec-fetch-site': 'same-site' },
      ]) {
        const got = await send(handler, method, params, body, { cookie: ownerCookie, ...foreign });
        if (got !== '403 cross_site_request') wrong.push(`${method} /api/${route} ${JSON.stringify(foreign)}: ${got}`);
      }
    }
    expect(wrong.join('\n')).toBe('');
  });

  it('left the database as it was', async () => {
    expect(await fingerprint(h.db)).toEqual(untouched);
  });

  it('(the same cookie from the app’s own origin is let through: the refusals above are the origin’s doing)', async () => {
    const got = await send(settings.PUT, 'PUT', {}, { distanceUnit: 'mi' }, { cookie: ownerCookie, origin: 'http://localhost' });
    expect(got).toBe('200');
  });
});
