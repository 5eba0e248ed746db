import { z } from 'zod';

/**
 * Reading Tesla's payloads field by field: real answers carry nulls where the docs promise values,
 * leave out documented fields, add undocumented ones, send numbers as strings and grow new enum
 * values with each firmware. `readLeniently` walks a payload along its zod schema (the same schema
 * the simulator is held to strictly) and keeps everything that is valid:
 * - a field whose value the schema refuses (wrong type, out of range, an enum value we do not
 *   know) or a required field that is missing becomes `null`, and its path is reported;
 * - a number sent as a string (`"12.5"`) is read as the number, silently;
 * - an array entry that is not even the right kind of value (not an object where one is expected,
 *   or null) is left out, reported as a dropped entry; the other entries are kept;
 * - keys the schema does not name are ignored (the caller keeps the original body for them);
 * - a union takes the first member that accepts the value, else the one that fits best (fewest
 *   problems, a missing required key counting as ten).
 * Paths name schema keys only (`charge_state.charger_power`, `wall_connectors[].din`), never values.
 */
export type UnreadableKind = 'invalid' | 'missing' | 'unknown_value' | 'dropped';
export type Unreadable = { path: string; kind: UnreadableKind };

/**
 * The type of a leniently read payload: every field may be null (or absent), arrays keep only
 * usable entries. Code reading it must handle null for every field.
 */
export type Lenient<T> = T extends readonly (infer E)[]
  ? NonNullable<Lenient<E>>[]
  : T extends Date
    ? T
    : T extends object
      ? { [K in keyof T]?: Lenient<T[K]> | null }
      : T | null;

export type LenientRead<T> = { value: Lenient<T> | null; unreadable: Unreadable[] };

const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Reads `input` along `schema`; `value` is null when nothing of it is usable (e.g. not an object at all). */
export function readLeniently<S extends z.ZodType>(schema: S, input: unknown, root = ''): LenientRead<z.output<S>> {
  const unreadable: Unreadable[] = [];
  const value = walk(schema, input, root, unreadable);
  return { value: (value ?? null) as Lenient<z.output<S>> | null, unreadable };
}

function walk(schema: z.ZodType, value: unknown, path: string, out: Unreadable[]): unknown {
  const whole = schema.safeParse(value);
  if (whole.success) return whole.data;
  if (schema instanceof z.ZodOptional) return value === undefined ? undefined : walk(schema.unwrap() as z.ZodType, value, path, out);
  if (schema instanceof z.ZodNullable) return value === null ? null : walk(schema.unwrap() as z.ZodType, value, path, out);
  if (schema instanceof z.ZodDefault) return walk(schema.unwrap() as z.ZodType, value, path, out);
  if (schema instanceof z.ZodObject) {
    if (!isRecord(value)) return unusable(schema, value, path, out);
    const read: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const v = walk(field, value[key], join(path, key), out);
      if (v !== undefined) read[key] = v;
    }
    return read;
  }
  if (schema instanceof z.ZodArray) {
    if (!Array.isArray(value)) return unusable(schema, value, path, out);
    const entries: unknown[] = [];
    for (const item of value) {
      const inner: Unreadable[] = [];
      const v = walk(schema.element as z.ZodType, item, `${path}[]`, inner);
      if (v === null || v === undefined) out.push({ path: `${path}[]`, kind: 'dropped' });
      else {
        out.push(...inner);
        entries.push(v);
      }
    }
    return entries;
  }
  if (schema instanceof z.ZodRecord) {
    if (!isRecord(value)) return unusable(schema, value, path, out);
    const read: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const v = walk(schema.valueType as z.ZodType, item, `${path}.*`, out);
      if (v !== undefined && v !== null) read[key] = v;
    }
    return read;
  }
  if (schema instanceof z.ZodUnion && isRecord(value)) {
    const options = (schema.options as z.ZodType[]).filter((o) => baseOf(o) instanceof z.ZodObject);
    if (options.length > 0) {
      // A member whose required keys are absent fits worse than one whose keys hold bad values.
      const problems = (o: z.ZodType) =>
        (o.safeParse(value).error?.issues ?? []).reduce((n, i) => n + (valueAt(value, i.path) === undefined ? 10 : 1), 0);
      const best = options.reduce((a, b) => (problems(b) < problems(a) ? b : a));
      return walk(best, value, path, out);
    }
  }
  return leaf(schema, value, path, out);
}

/** A value the schema refuses: a number sent as a string is read as the number, anything else is null. */
function leaf(schema: z.ZodType, value: unknown, path: string, out: Unreadable[]): unknown {
  if (typeof value === 'string' && NUMERIC.test(value)) {
    const asNumber = schema.safeParse(Number(value));
    if (asNumber.success) return asNumber.data;
  }
  return unusable(schema, value, path, out);
}

function unusable(schema: z.ZodType, value: unknown, path: string, out: Unreadable[]): null {
  const base = baseOf(schema);
  const known = base instanceof z.ZodEnum || base instanceof z.ZodLiteral;
  out.push({
    path: path || '(root)',
    kind: value === undefined ? 'missing' : known && typeof value === 'string' ? 'unknown_value' : 'invalid',
  });
  return null;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);
}

/** The schema under optional/nullable/default/catch wrappers and a preprocessing pipe. */
function baseOf(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault)
    return baseOf(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodCatch) return baseOf(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodPipe) return baseOf(schema.out as z.ZodType);
  return schema;
}
