import 'server-only';
import { FLEET_API_BASE_URLS, type FleetRegion } from '@/lib/fleet-api';
import type { FetchFn } from './client';
import { CONNECT_SCOPES } from './oauth-flow';
import {
  PUBLIC_KEY_PATH,
  getPartnerToken,
  getRegisteredPublicKey,
  publicKeyEnvValue,
  publicKeyPointHex,
  registerPartnerDomain,
  type RegistrationResult,
} from './partner';
import { keysIn, type KeyFiles } from './key-files';
import { clock } from '@/lib/clock';

/**
 * `npm run tesla:setup`'s work, separated from the command line so tests run it against the
 * simulator: key pair (kept if it already exists, never overwritten), what to paste where, and the
 * partner registration per region, verified with `GET /partner_accounts/public_key`.
 * Prints no secret: the client secret is never echoed, the private key stays in its 0600 file.
 */
export type SetupOptions = {
  /** Key directory, outside the repository (default $DATA_DIR/tesla-keys). */
  out: string;
  domain?: string;
  regions: FleetRegion[];
  clientId?: string;
  clientSecret?: string;
  /** Token endpoint (TESLA_AUTH_URL resolved). */
  tokenUrl: string;
  /** TESLA_FLEET_API_URL: one base URL for every region (a proxy or the standalone simulator). */
  fleetApiUrl?: string;
};
export type SetupDeps = {
  fetch?: FetchFn;
  print: (line: string) => void;
  /** Called after a registration Tesla accepted (the script writes it to the app's database with --record). */
  record?: (r: { domain: string; region: FleetRegion; at: Date }) => Promise<void>;
  now?: () => Date;
};
export type RegionOutcome = RegistrationResult & { verified?: boolean };
export type SetupReport = { keys: KeyFiles & { created: boolean }; registrations: RegionOutcome[]; ok: boolean };

export async function runTeslaSetup(o: SetupOptions, deps: SetupDeps): Promise<SetupReport> {
  const p = deps.print;
  const keys = keysIn(o.out);
  p(
    keys.created
      ? `Created an EC key pair (prime256v1) in ${keys.dir}`
      : `Using the existing key pair in ${keys.dir} (nothing overwritten)`,
  );
  p(`  private key: ${keys.privateKeyPath} (mode 0600; keep it out of the repository — the app does not need it to read data)`);
  p(`  public key:  ${keys.publicKeyPath}`);
  p('');
  const origin = o.domain ? `https://${o.domain}` : 'https://<your domain>';
  p('1. In the Tesla developer portal (developer.tesla.com → your app):');
  p(`   Allowed origin:        ${origin}`);
  p(`   Allowed redirect URI:  ${origin}/api/tesla/callback`);
  p(`   Scopes:                ${CONNECT_SCOPES.filter((s) => s !== 'openid' && s !== 'offline_access').join(', ')}`);
  p('2. In the app’s environment:');
  p(`   TESLA_CLIENT_ID=${o.clientId ?? '<client id from the portal>'}`);
  p('   TESLA_CLIENT_SECRET=<client secret from the portal>');
  p(`   TESLA_PUBLIC_KEY=${publicKeyEnvValue(keys.publicKeyPem)}`);
  p(`   (then ${origin}${PUBLIC_KEY_PATH} serves the key; Tesla fetches it when the domain is registered)`);
  p('');
  const registrations: RegionOutcome[] = [];
  if (!o.domain || o.regions.length === 0) {
    p('3. Registration skipped: pass --domain <host> and --region na,eu once the key is served.');
    return { keys, registrations, ok: true };
  }
  if (!o.clientId || !o.clientSecret) {
    p('3. Registration skipped: set TESLA_CLIENT_ID and TESLA_CLIENT_SECRET in the environment of this command.');
    return { keys, registrations, ok: false };
  }
  const expected = publicKeyPointHex(keys.publicKeyPem);
  p(`3. Registering ${o.domain} (partner token, then POST /api/1/partner_accounts):`);
  for (const region of o.regions) {
    const baseUrl = o.fleetApiUrl ?? FLEET_API_BASE_URLS[region];
    let partnerToken: string;
    try {
      partnerToken = await getPartnerToken({
        tokenUrl: o.tokenUrl,
        clientId: o.clientId,
        clientSecret: o.clientSecret,
        audience: baseUrl,
        fetch: deps.fetch,
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : 'partner token failed';
      registrations.push({ region, ok: false, status: null, reason });
      p(`   ${region.toUpperCase()}: failed — ${reason}`);
      continue;
    }
    const result = await registerPartnerDomain({ region, domain: o.domain, partnerToken, baseUrl, fetch: deps.fetch });
    if (!result.ok) {
      registrations.push(result);
      p(`   ${region.toUpperCase()}: failed — ${result.reason}`);
      continue;
    }
    const check = await getRegisteredPublicKey({ region, domain: o.domain, partnerToken, baseUrl, fetch: deps.fetch });
    const verified = check.publicKeyHex === null ? undefined : check.publicKeyHex === expected;
    registrations.push({ ...result, verified });
    await deps.record?.({ domain: o.domain, region, at: deps.now?.() ?? clock.now() });
    p(
      `   ${region.toUpperCase()}: registered${verified === true ? ', Tesla holds this public key' : verified === false ? ' — but Tesla holds a DIFFERENT public key for this domain' : ''}`,
    );
  }
  return { keys, registrations, ok: registrations.every((r) => r.ok && r.verified !== false) };
}
