import { createPublicKey } from 'node:crypto';
import { FLEET_API_BASE_URLS, FLEET_REGIONS, regionOfHost } from '@/lib/fleet-api/hosts';
import type { RequestContext } from '../context';
import { fleetError, ok, readParams } from '../http';

/** GET /api/1/users/me */
export function me(ctx: RequestContext): Response {
  const a = ctx.sim.scenario.account;
  return ok({ email: a.email, full_name: a.fullName, profile_image_url: null, vault_uuid: a.userUuid });
}

/** GET /api/1/users/region — answered on any regional host with the user's real region (§1.2). */
export function region(ctx: RequestContext): Response {
  const r = ctx.sim.scenario.account.region;
  return ok({ region: r, fleet_api_base_url: FLEET_API_BASE_URLS[r] });
}

/** Tesla's form of a registered key: the uncompressed EC point (04 ‖ x ‖ y) in hex [I]. */
function publicKeyHex(pem: string): string | null {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return null;
    const jwk = key.export({ format: 'jwk' });
    return `04${Buffer.from(jwk.x!, 'base64url').toString('hex')}${Buffer.from(jwk.y!, 'base64url').toString('hex')}`;
  } catch {
    return null;
  }
}

/**
 * POST /api/1/partner_accounts {domain} with a partner token: registers the app in this host's
 * region. Like Tesla, the simulator fetches the domain's public key when the client options say
 * how (`fetchDomainPublicKey`); a missing or non-P-256 key refuses the registration (400, [I]).
 */
export async function registerPartner(ctx: RequestContext): Promise<Response> {
  const body = await readParams(ctx.req);
  const domain = body.domain?.toLowerCase();
  if (!domain || !/^[a-z0-9.-]{1,253}$/.test(domain)) return fleetError(400, 'invalid_field', 'domain is required');
  let keyHex: string | null = null;
  if (ctx.sim.client.fetchDomainPublicKey) {
    const pem = await ctx.sim.client.fetchDomainPublicKey(domain);
    keyHex = pem ? publicKeyHex(pem) : null;
    if (!keyHex)
      return fleetError(
        400,
        'invalid_field',
        `Public key not found or not an EC prime256v1 key at https://${domain}/.well-known/appspecific/com.tesla.3p.public-key.pem`,
      );
  }
  const r = regionOfHost(ctx.url.host) ?? ctx.sim.scenario.account.region;
  if (FLEET_REGIONS.includes(r)) ctx.sim.partnerRegions.add(r);
  const entry = ctx.sim.partnerDomains.get(domain) ?? { regions: new Set(), publicKeyHex: null };
  entry.regions.add(r);
  entry.publicKeyHex = keyHex ?? entry.publicKeyHex;
  ctx.sim.partnerDomains.set(domain, entry);
  return ok({ domain, client_id: ctx.sim.client.clientId, name: domain, created_at: new Date(ctx.now).toISOString() });
}

/** GET /api/1/partner_accounts/public_key?domain= (partner token): the key registered for the domain in this region. */
export function partnerPublicKey(ctx: RequestContext): Response {
  const domain = ctx.url.searchParams.get('domain')?.toLowerCase();
  if (!domain) return fleetError(400, 'invalid_field', 'domain is required');
  const r = regionOfHost(ctx.url.host) ?? ctx.sim.scenario.account.region;
  const entry = ctx.sim.partnerDomains.get(domain);
  if (!entry || !entry.regions.has(r)) return fleetError(404, 'not_found', `domain ${domain} is not registered in this region`);
  return ok({ public_key: entry.publicKeyHex });
}
