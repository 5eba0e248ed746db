import 'server-only';
import { env } from '@/lib/env';
import { DEFAULT_CLIENT } from '@/lib/simulator';
import type { TeslaClient } from './index';
import { resolveAuthorizeUrl } from './oauth-flow';

/**
 * The app's Tesla connection as the routes see it: the same client the sync uses (lib/sync/runtime),
 * the OAuth client id, and where the browser signs in. In the embedded demo (TESLA_MODE=simulator)
 * the simulator stands in for auth.tesla.com: its authorize page is served by the app at
 * /api/tesla/simulator/authorize and consents at once, as an owner would.
 */
export type AppTesla = {
  mode: 'live' | 'simulator';
  tesla: TeslaClient;
  clientId?: string;
  /** The authorize page the connect route sends the browser to. */
  authorizeUrl(origin: string): string;
  /** Demo only: the simulator answering its authorize page. */
  simulator?: { handle(req: Request): Promise<Response> };
};

type Factory = () => Promise<AppTesla>;
let override: Factory | undefined;

/** Tests: use this connection instead of the process runtime (undefined restores it). */
export function setAppTeslaForTests(factory: Factory | undefined): void {
  override = factory;
}

export async function appTesla(): Promise<AppTesla> {
  if (override) return override();
  const e = env();
  const { teslaRuntime } = await import('@/lib/sync/runtime');
  const { tesla, sim } = await teslaRuntime();
  if (e.TESLA_MODE === 'live' || !sim) {
    return {
      mode: 'live',
      tesla,
      clientId: e.TESLA_CLIENT_ID,
      authorizeUrl: () => resolveAuthorizeUrl(e.TESLA_AUTHORIZE_URL, e.TESLA_REGION),
    };
  }
  return {
    mode: 'simulator',
    tesla,
    clientId: sim.client.clientId,
    authorizeUrl: (origin) => `${origin}/api/tesla/simulator/authorize`,
    simulator: sim,
  };
}

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
