import { z } from 'zod';

/**
 * The `{ "response": … }` envelope every Fleet API JSON body uses (reference §1.4). Successful
 * bodies may also carry `"error": null`; list endpoints add `count` (and `/vehicles` adds
 * `pagination`). Errors have `"response": null` plus a string `error`.
 */
export function fleetEnvelope<T extends z.ZodType>(payload: T) {
  return z.object({
    response: payload,
    error: z.string().nullable().optional(),
    error_description: z.string().nullable().optional(),
    messages: z.record(z.string(), z.unknown()).nullable().optional(),
    count: z.number().int().optional(),
  });
}

/**
 * A 2xx envelope whose `response` is kept exactly as Tesla sent it (any JSON but null), to be kept
 * as the raw payload and read field by field with `readLeniently` (lib/fleet-api/lenient.ts).
 */
export const RawEnvelopeSchema = z.object({ response: z.custom<NonNullable<unknown>>((v) => v !== null && v !== undefined) });

/** Error body, e.g. `{"response": null, "error": "vehicle unavailable: …", "error_description": ""}`. */
export const FleetErrorBodySchema = z.object({
  response: z.null().optional(),
  error: z.string(),
  error_description: z.string().nullable().optional(),
  messages: z.record(z.string(), z.unknown()).nullable().optional(),
  txid: z.string().optional(),
});
export type FleetErrorBody = z.infer<typeof FleetErrorBodySchema>;

/** ISO-8601 timestamp with an explicit offset, e.g. `2026-03-14T13:05:12+01:00` (energy endpoints). */
export const IsoWithOffsetSchema = z.iso.datetime({ offset: true });

/** Epoch milliseconds, as in every vehicle_data sub-object `timestamp`. */
export const EpochMsSchema = z.number().int().min(1e12).max(1e13);

/** Protobuf-style `{seconds, nanos?}` timestamp/duration (charge_schedule_data, telemetry_history). */
export const ProtoSecondsSchema = z.object({ seconds: z.number(), nanos: z.number().optional() });

/** Error prefix Tesla uses for a car that is asleep or offline (status 408, sometimes 503/500). */
export const VEHICLE_UNAVAILABLE_PREFIX = 'vehicle unavailable';

/** True for any error body meaning "asleep/offline, don't poll" (tolerates 408, 503 and 500, §3.5). */
export function isVehicleUnavailable(body: { error?: string | null } | null | undefined): boolean {
  return typeof body?.error === 'string' && body.error.startsWith(VEHICLE_UNAVAILABLE_PREFIX);
}
