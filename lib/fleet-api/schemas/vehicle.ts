import { z } from 'zod';
import { FleetIdSchema } from '../ids';
import { fleetEnvelope } from './common';

/**
 * Vehicle object of `GET /vehicles`, `GET /vehicles/{vin}` and `POST …/wake_up` (reference §3.1).
 * `state` is `online | asleep | offline`; some firmware reports `offline` while sleeping, so treat
 * both non-online values alike. Key vehicles by `vin` or `id_s`, never by numeric `id`.
 */
export const VehicleStateSchema = z.enum(['online', 'asleep', 'offline']);
export type VehicleState = z.infer<typeof VehicleStateSchema>;

export const VehicleSummarySchema = z.object({
  id: FleetIdSchema,
  id_s: z.string().regex(/^\d{1,40}$/),
  vehicle_id: FleetIdSchema.optional(),
  vin: z.string().length(17),
  color: z.string().nullable().optional(),
  access_type: z.string().optional(),
  /** Absent from many vehicle_data answers and "" for unnamed cars: the name is then vehicle_state.vehicle_name. */
  display_name: z.string().max(100).nullable().optional(),
  option_codes: z.string().nullable().optional(),
  granular_access: z.object({ hide_private: z.boolean() }).nullable().optional(),
  tokens: z.array(z.string()).nullable().optional(),
  /** null in Tesla's own /products example (read as not reachable). */
  state: VehicleStateSchema.nullable(),
  in_service: z.boolean().optional(),
  calendar_enabled: z.boolean().optional(),
  api_version: z.number().int().nullable().optional(),
  backseat_token: z.string().nullable().optional(),
  backseat_token_updated_at: z.number().nullable().optional(),
  ble_autopair_enrolled: z.boolean().optional(),
});
export type VehicleSummary = z.infer<typeof VehicleSummarySchema>;

export const PaginationSchema = z.object({
  previous: z.number().int().nullable(),
  next: z.number().int().nullable(),
  current: z.number().int(),
  per_page: z.number().int(),
  count: z.number().int(),
  pages: z.number().int(),
});

export const VehicleListResponseSchema = fleetEnvelope(z.array(VehicleSummarySchema)).extend({
  pagination: PaginationSchema.optional(),
});
export const VehicleResponseSchema = fleetEnvelope(VehicleSummarySchema);
/** `wake_up` answers at once with the vehicle, usually still `asleep`; online 10–60 s later. */
export const WakeUpResponseSchema = VehicleResponseSchema;
