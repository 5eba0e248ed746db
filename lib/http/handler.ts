import 'server-only';
import { timingSafeEqual, createHash } from 'node:crypto';
import { getToken } from 'next-auth/jwt';
import { getDb } from '@/db';
import type { ApiTokenScope } from '@/db/schema';
import { verifyApiToken } from '@/lib/auth/api-tokens';
import { isSessionCurrent } from '@/lib/auth/sessions';
import { env } from '@/lib/env';
import { HttpError, toErrorResponse } from './errors';

type Ctx<P> = { params: Promise<P> };
type Handler<P> = (args: { req: Request; params: P; principal: Principal }) => Promise<Response>;

/**
 * Who is calling: the owner's login session (every scope, but a state-changing request must come
 * from the app's own pages), or an API token with its scopes.
 */
export type Principal = { kind: 'session' } | { kind: 'api_token'; scopes: readonly ApiTokenScope[] };

const unauthorized = () => new HttpError(401, 'unauthorized', 'Sign in, or send Authorization: Bearer <API token>.');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearer(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '');
  return match?.[1];
}

const sameSecret = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/** An owner session (Auth.js JWT cookie with the current credentials version) or an API token. Throws 401 otherwise. */
export async function authenticate(req: Request): Promise<Principal> {
  const token = bearer(req);
  const db = await getDb();
  if (token) {
    const e = env();
    const scopes = await verifyApiToken(db, token, e.API_TOKEN ? { token: e.API_TOKEN, scopes: e.API_TOKEN_SCOPES } : undefined);
    if (scopes) return { kind: 'api_token', scopes };
    throw unauthorized();
  }
  const secure = new URL(req.url).protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
  const session = await getToken({ req, secret: env().AUTH_SECRET, secureCookie: secure });
  if (await isSessionCurrent(db, session)) return { kind: 'session' };
  throw unauthorized();
}

/**
 * A cookie is sent by the browser whoever's page asks, so a state-changing request made with the
 * owner's session must show that it comes from this app's own pages: its `Origin` names this host,
 * or (without Origin) `Sec-Fetch-Site: same-origin`. A sibling host (same site, other origin) is refused.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get('origin');
  const hosts = [req.headers.get('x-forwarded-host'), req.headers.get('host'), new URL(req.url).host].filter(Boolean);
  let ok: boolean;
  if (origin) {
    let host: string | undefined;
    try {
      host = origin === 'null' ? undefined : new URL(origin).host;
    } catch {
      host = undefined;
    }
    ok = host !== undefined && hosts.includes(host);
  } else ok = req.headers.get('sec-fetch-site') === 'same-origin';
  if (!ok) {
    throw new HttpError(
      403,
      'cross_site_request',
      'This request did not come from this app’s own pages (Origin). Scripts should use an API token instead of the login cookie.',
    );
  }
}

/** The scope a route needs: its own, or `read` for GET and `admin` for anything that changes data. */
export type RouteAccess = { scope?: ApiTokenScope };

function assertAllowed(req: Request, principal: Principal, access: RouteAccess): void {
  if (principal.kind === 'session') return assertSameOrigin(req);
  const scope = access.scope ?? (SAFE_METHODS.has(req.method) ? 'read' : 'admin');
  if (!principal.scopes.includes(scope)) {
    throw new HttpError(403, 'insufficient_scope', `This API token lacks the “${scope}” scope this request needs.`, { needs: scope });
  }
}

function wrap<P>(guard: (req: Request) => Promise<Principal>, handler: Handler<P>, access: RouteAccess) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      const principal = await guard(req);
      assertAllowed(req, principal, access);
      return await handler({ req, params: await ctx.params, principal });
    } catch (err) {
      const res = toErrorResponse(err);
      if (res.status === 401) res.headers.set('WWW-Authenticate', 'Bearer');
      if (res.status === 403 && err instanceof HttpError && err.code === 'insufficient_scope')
        res.headers.set('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${(err.details as { needs: string }).needs}"`);
      return res;
    }
  };
}

/**
 * Route wrapper: owner session or API token required, and allowed for this route (scope, origin);
 * every throw goes through toErrorResponse. `access.scope` overrides the default scope (read for
 * GET, admin otherwise): `sync` for "sync now" and wakes, `admin` for GETs that start something.
 */
export function withAuth<P = Record<string, string>>(handler: Handler<P>, access: RouteAccess = {}) {
  return wrap(authenticate, handler, access);
}

/** Route wrapper for the cron endpoint: only `Authorization: Bearer $CRON_SECRET` (Vercel's convention). */
export function withCron<P = Record<string, string>>(handler: Handler<P>) {
  return wrap(
    async (req) => {
      const token = bearer(req);
      if (!token || !sameSecret(token, env().CRON_SECRET)) throw unauthorized();
      return { kind: 'api_token', scopes: ['read', 'sync'] };
    },
    handler,
    { scope: 'sync' },
  );
}
