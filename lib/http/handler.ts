import 'server-only';
import { timingSafeEqual, createHash } from 'node:crypto';
import { getToken } from 'next-auth/jwt';
import { getDb } from '@/db';
import { verifyApiToken } from '@/lib/auth/api-tokens';
import { env } from '@/lib/env';
import { HttpError, toErrorResponse } from './errors';

type Ctx<P> = { params: Promise<P> };
type Handler<P> = (args: { req: Request; params: P }) => Promise<Response>;
export type Principal = 'session' | 'api_token';

const unauthorized = () => new HttpError(401, 'unauthorized', 'Sign in, or send Authorization: Bearer <API token>.');

function bearer(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '');
  return match?.[1];
}

const sameSecret = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/** Who is calling: an owner session (Auth.js JWT cookie) or an API token. Throws 401 otherwise. */
export async function authenticate(req: Request): Promise<Principal> {
  const token = bearer(req);
  if (token) {
    if (await verifyApiToken(await getDb(), token, env().API_TOKEN)) return 'api_token';
    throw unauthorized();
  }
  const secure = new URL(req.url).protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
  const session = await getToken({ req, secret: env().AUTH_SECRET, secureCookie: secure });
  if (session?.sub) return 'session';
  throw unauthorized();
}

function wrap<P>(guard: (req: Request) => Promise<unknown>, handler: Handler<P>) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      await guard(req);
      return await handler({ req, params: await ctx.params });
    } catch (err) {
      const res = toErrorResponse(err);
      if (res.status === 401) res.headers.set('WWW-Authenticate', 'Bearer');
      return res;
    }
  };
}

/** Route wrapper: owner session or API token required; every throw goes through toErrorResponse. */
export function withAuth<P = Record<string, string>>(handler: Handler<P>) {
  return wrap(authenticate, handler);
}

/** Route wrapper for the cron endpoint: only `Authorization: Bearer $CRON_SECRET` (Vercel's convention). */
export function withCron<P = Record<string, string>>(handler: Handler<P>) {
  return wrap(async (req) => {
    const token = bearer(req);
    if (!token || !sameSecret(token, env().CRON_SECRET)) throw unauthorized();
  }, handler);
}
