import { readdirSync } from 'node:fs';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDbHandle } from '@/db';
import type { DbHandle } from '@/db/client';
import { createApiToken } from '@/lib/auth/api-tokens';
import { setOwnerPassword } from '@/lib/auth/owner';
import { env } from '@/lib/env';
import { openTestDb, testDriver } from '../../setup/test-db';

/**
 * Walks app/api and proves that every route handler it finds answers 401 to a caller with no
 * credentials (or wrong ones), so a new route cannot be forgotten. Only these are public:
 * - health: liveness, no data;
 * - auth/[...nextauth]: Auth.js's own sign-in routes;
 * - [...path]: the JSON 404 for unknown API paths;
 * - tesla/callback: Tesla redirects the owner's browser here; it only completes an authorization
 *   this server started (the state must match the sealed httpOnly cookie set by the owner-only
 *   /api/tesla/connect), otherwise 400 and nothing is stored.
 * Outside app/api, /.well-known/appspecific/com.tesla.3p.public-key.pem is public too (Tesla fetches it).
 */
const PUBLIC = new Set(['health', 'auth/[...nextauth]', '[...path]', 'tesla/callback']);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const apiDir = path.resolve(import.meta.dirname, '../../../app/api');

function routeFiles(dir: string, rel = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const next = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return routeFiles(path.join(dir, e.name), next);
    return e.name === 'route.ts' ? [rel] : [];
  });
}

/** Any value for a dynamic segment: a UUID for [id], a VIN-like for others. */
function paramsFor(route: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const m of route.matchAll(/\[(\.\.\.)?([^\]]+)\]/g)) params[m[2]!] = m[1] ? ['x'] : '00000000-0000-4000-8000-000000000000';
  return params;
}

type RouteModule = Partial<Record<(typeof METHODS)[number], (req: Request, ctx: unknown) => Promise<Response>>>;

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
  installDbHandle(h);
});
afterAll(async () => h.close());

const routes = routeFiles(apiDir);

describe(`every API route is locked (${testDriver()})`, () => {
  it('finds the route files', () => {
    expect(routes).toContain('health');
    expect(routes).toContain('auth/status');
    expect(routes).toEqual(
      expect.arrayContaining([
        'auth/token',
        'tesla/connect',
        'tesla/callback',
        'tesla/status',
        'tesla/simulator/authorize',
        'vehicles/[id]/wake',
      ]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(5);
  });

  it.each(routes.filter((r) => !PUBLIC.has(r)))('/api/%s answers 401 without or with wrong credentials', async (route) => {
    const mod = (await import(path.join(apiDir, route, 'route.ts'))) as RouteModule;
    const handlers = METHODS.filter((m) => typeof mod[m] === 'function');
    expect(handlers.length).toBeGreaterThan(0);
    for (const method of handlers) {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer ts_not-a-real-token' },
        { cookie: 'authjs.session-token=forged' },
      ];
      for (const headers of attempts) {
        const req = new Request(`http://localhost/api/${route}`, {
          method,
          headers: { 'content-type': 'application/json', ...headers },
          body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
        });
        const res = await mod[method]!(req, { params: Promise.resolve(paramsFor(route)) });
        expect(res.status, `${method} /api/${route} ${JSON.stringify(headers)}`).toBe(401);
        expect((await res.json()).error.code).toBe('unauthorized');
      }
    }
  });

  it('lets an owner session cookie and an API token through', async () => {
    const { GET } = (await import(path.join(apiDir, 'auth/status/route.ts'))) as Required<RouteModule>;
    await setOwnerPassword(h.db, 'correct horse battery');
    const cookieName = 'authjs.session-token';
    // A session carries the credentials version it was made under (1: the password was never changed).
    const jwt = await encode({ token: { sub: 'owner', name: 'Owner', cv: 1 }, secret: env().AUTH_SECRET, salt: cookieName });
    const viaCookie = await GET(new Request('http://localhost/api/auth/status', { headers: { cookie: `${cookieName}=${jwt}` } }), {
      params: Promise.resolve({}),
    });
    expect(viaCookie.status).toBe(200);
    expect(await viaCookie.json()).toMatchObject({ authenticated: true, tesla: { connected: false, mode: 'simulator' } });

    const { token } = await createApiToken(h.db, 'script');
    const viaToken = await GET(new Request('http://localhost/api/auth/status', { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({}),
    });
    expect(viaToken.status).toBe(200);
  });
});
