import { z } from 'zod';
import { fleetEnvelope } from './common';

/** `GET /api/1/users/me` (scope user_data). */
export const UserMeSchema = z.object({
  email: z.string(),
  full_name: z.string().nullable().optional(),
  profile_image_url: z.string().nullable().optional(),
  vault_uuid: z.string().optional(),
});
export const UserMeResponseSchema = fleetEnvelope(UserMeSchema);

/** `GET /api/1/users/region`: answered on any regional host with the user's real region. */
export const UserRegionSchema = z.object({
  region: z.enum(['na', 'eu', 'cn']),
  fleet_api_base_url: z.string().url(),
});
export const UserRegionResponseSchema = fleetEnvelope(UserRegionSchema);

/** `POST /api/1/partner_accounts` with a partner (client_credentials) token. */
export const PartnerAccountResponseSchema = fleetEnvelope(
  z.object({
    domain: z.string(),
    client_id: z.string().optional(),
    name: z.string().optional(),
    public_key: z.string().optional(),
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
  }),
);
