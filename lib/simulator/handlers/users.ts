import { FLEET_API_BASE_URLS, FLEET_REGIONS, regionOfHost } from "@/lib/fleet-api/hosts";
import type { RequestContext } from "../context";
import { fleetError, ok, readParams } from "../http";

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

/** POST /api/1/partner_accounts {domain} with a partner token: registers the app in this host's region. */
export async function registerPartner(ctx: RequestContext): Promise<Response> {
  const body = await readParams(ctx.req);
  const domain = body.domain;
  if (!domain) return fleetError(400, "invalid_field", "domain is required");
  const r = regionOfHost(ctx.url.host) ?? ctx.sim.scenario.account.region;
  if (FLEET_REGIONS.includes(r)) ctx.sim.partnerRegions.add(r);
  return ok({ domain, client_id: ctx.sim.client.clientId, name: domain, created_at: new Date(ctx.now).toISOString() });
}
