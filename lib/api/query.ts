import { z, type ZodError, type ZodType } from 'zod';
import { HttpError } from '@/lib/http/errors';

/** Longest query string value accepted at all; anything longer is refused before zod sees it. */
const MAX_VALUE_CHARS = 200;

/** Whether `s` has a control character (NUL included): never meaningful in a query value or a name. */
export function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** A printable, bounded rendering of a zod issue list, safe to echo back (no raw input). */
function issueList(err: ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: clip(i.path.join('.')), message: clip(i.message) }));
}

const clip = (s: string) => {
  const printable = [...s].map((c) => (hasControl(c) ? '?' : c)).join('');
  return printable.length > 120 ? `${printable.slice(0, 117)}...` : printable;
};

/** 400 `invalid_query` with each failing parameter named; the shared error for every query-string problem. */
export function invalidQuery(message: string, details?: unknown): HttpError {
  return new HttpError(400, 'invalid_query', message, details);
}

/**
 * Parses the request's query string with a strict zod object. Repeated parameters, values over
 * 200 characters or with control characters, unknown parameters and wrong values are all
 * 400 `invalid_query`, with a message naming the parameters (never echoing their values).
 */
export function parseQuery<T extends ZodType>(req: Request, schema: T): z.output<T> {
  const raw: Record<string, string> = {};
  for (const [key, value] of new URL(req.url).searchParams) {
    if (key.length > 40 || hasControl(key)) throw invalidQuery('The query string has a parameter name that is not valid.');
    if (Object.hasOwn(raw, key)) throw invalidQuery(`The parameter "${key}" is given more than once.`);
    if (value.length > MAX_VALUE_CHARS || hasControl(value)) {
      throw invalidQuery(`The parameter "${key}" is too long or contains control characters.`);
    }
    raw[key] = value;
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const details = issueList(result.error);
    const summary = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
    throw invalidQuery(`The query string is not valid (${summary}).`, details);
  }
  return result.data;
}

/** A whole number query parameter written in plain decimal digits ("12", not "1e1" or "0x0c"). */
export const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** A boolean query parameter: true/false/1/0. */
export const boolParam = z.enum(['true', 'false', '1', '0'], 'must be true or false').transform((v) => v === 'true' || v === '1');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/i;

export const isUuid = (s: string) => UUID.test(s);

/** A uuid query parameter (lower-cased). */
export const uuidParam = (what: string) =>
  z
    .string()
    .regex(UUID, `must be the id of a ${what}`)
    .transform((s) => s.toLowerCase());

/** A vehicle reference: the app's uuid or the 17-character VIN. */
export type VehicleRef = { id: string } | { vin: string };

/** Parses a vehicle reference; undefined when it can be neither a uuid nor a VIN. */
export function toVehicleRef(s: string): VehicleRef | undefined {
  if (UUID.test(s)) return { id: s.toLowerCase() };
  if (VIN.test(s)) return { vin: s.toUpperCase() };
  return undefined;
}

export const vehicleRefParam = z.string().transform((s, ctx) => {
  const ref = toVehicleRef(s);
  if (!ref) ctx.addIssue({ code: 'custom', message: 'must be a vehicle id or a 17-character VIN' });
  return ref ?? { id: '' };
});

/** 404 with a stable code and a message naming the kind of thing not found. */
export const notFound = (what: string) => new HttpError(404, 'not_found', `No ${what} with this id.`);

/**
 * A path id that must be a uuid. A malformed id is answered like an unknown one (404): a path that
 * names nothing is not found, whatever its spelling.
 */
export function pathUuid(value: unknown, what: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw notFound(what);
  return value.toLowerCase();
}

/** A path vehicle reference (uuid or VIN), 404 when it can be neither. */
export function pathVehicleRef(value: unknown): VehicleRef {
  const ref = typeof value === 'string' ? toVehicleRef(value) : undefined;
  if (!ref) throw notFound('vehicle');
  return ref;
}
