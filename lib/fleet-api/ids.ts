import { z } from 'zod';

/**
 * Fleet ids (vehicle `id`, `energy_site_id`, `user_id`, `vehicle_id`) are 64-bit integers sent as
 * JSON numbers and may exceed 2^53 (reference §1.4), so `JSON.parse` can silently corrupt them.
 * Consumers key vehicles by `vin` or `id_s` and sites by a decimal string. `parseFleetJson` keeps
 * unsafe integers of these keys as digit strings; `FleetIdSchema` accepts either form.
 */
const ID_KEYS = ['id', 'energy_site_id', 'vehicle_id', 'user_id'];
const BIG_ID = new RegExp(`"(${ID_KEYS.join('|')})"(\\s*:\\s*)(-?\\d{16,})(?=\\s*[,}\\]])`, 'g');

/** JSON.parse that keeps integer ids beyond Number.MAX_SAFE_INTEGER as strings. */
export function parseFleetJson(text: string): unknown {
  const safe = text.replace(BIG_ID, (whole, key: string, sep: string, digits: string) =>
    Number.isSafeInteger(Number(digits)) ? whole : `"${key}"${sep}"${digits}"`,
  );
  return JSON.parse(safe);
}

/**
 * An id as a JSON number or digit string. Numbers beyond 2^53 are accepted (plain JSON.parse yields
 * them, already rounded) but must not be used as keys: use `id_s`, the VIN or `parseFleetJson`.
 */
export const FleetIdSchema = z.union([z.number().refine(Number.isInteger, 'expected an integer id'), z.string().regex(/^-?\d+$/)]);
export type FleetId = z.infer<typeof FleetIdSchema>;

/** Decimal string form of a parsed id; lossless only if the JSON was read with `parseFleetJson`. */
export function fleetIdToString(id: FleetId): string {
  return typeof id === 'string' ? id : String(id);
}
