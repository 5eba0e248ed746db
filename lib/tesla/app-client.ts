import 'server-only';
import { env } from '@/lib/env';
import { DEFAULT_CLIENT } from '@/lib/simulator';

/** Where the app's Tesla connection is reached; the connection itself is built by lib/runtime.ts (`appTesla`). */

/** The redirect URI registered with Tesla: TESLA_REDIRECT_URI, else this server's callback. */
export function redirectUriFor(origin: string): string {
  return env().TESLA_REDIRECT_URI ?? `${origin}/api/tesla/callback`;
}

/** This server's public origin as the request reached it (proxies: x-forwarded-host/-proto). */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  if (host && /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host) && (proto === 'http' || proto === 'https')) return `${proto}://${host}`;
  return url.origin;
}

/**
 * Mode and OAuth client id without starting the sync runtime (the settings page renders this
 * while the demo may still be seeding). The demo's client id is the simulator's.
 */
export function teslaConnectionConfig(): { mode: 'live' | 'simulator'; clientId?: string } {
  const e = env();
  return e.TESLA_MODE === 'live' ? { mode: 'live', clientId: e.TESLA_CLIENT_ID } : { mode: 'simulator', clientId: DEFAULT_CLIENT.clientId };
}
