import { PGlite, parse, protocol, type QueryOptions, type Results } from '@electric-sql/pglite';

/**
 * One round trip per query on PGlite.
 *
 * `PGlite.query` drives the extended protocol as six separate calls into the WASM backend (Parse,
 * Describe statement, Bind, Describe portal, Execute, Sync); the Describe statement is there only to
 * learn the parameters' types so that its serializers can format them. drizzle hands the driver
 * values it has already mapped (timestamps as ISO text, jsonb as JSON text, numbers, booleans), so
 * their text form needs no type: here the same messages, minus that Describe, go in one call, and
 * the answer is parsed by PGlite's own result parser with the client's parsers. Measured on this
 * machine: about a quarter less time per query, and the demo seeding runs ~30 queries per sync run.
 *
 * Only scalar parameters take this path (string, number, bigint, boolean, Date, null); anything else
 * (arrays, objects, bytes), a client without the internals used here, or a query with options other
 * than `rowMode` goes through `PGlite.query` unchanged. Errors are PGlite's own DatabaseError (same
 * `code`), without the parameters attached. Ordering is PGlite's: outside a transaction the query waits
 * for any open transaction and for other queries; inside one it runs in the transaction's turn.
 */
type Internals = {
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  parsers: Parameters<typeof parse.parseResults>[1];
};

const serialize = protocol.serialize;

function hasInternals(client: PGlite): boolean {
  const c = client as unknown as Partial<Internals>;
  return typeof c._runExclusiveTransaction === 'function' && typeof c._runExclusiveQuery === 'function' && typeof c.parsers === 'object';
}

/** The text form of a parameter, or undefined when only PGlite's typed serializers can format it. */
function asText(v: unknown): string | null | undefined {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(v);
    default:
      return v instanceof Date ? v.toISOString() : undefined;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

type Query = (sql: string, params?: unknown[], options?: QueryOptions) => Promise<Results>;

/**
 * Wraps `query` (the client's, or a transaction's: `inTransaction`) with the one-call path. The
 * per-query `parsers` drizzle passes are dropped either way: the same ones are installed on the
 * client at construction (see db/client.ts).
 */
export function withFastQuery(client: PGlite, query: Query, inTransaction: boolean): Query {
  const fast = hasInternals(client);
  const internals = client as unknown as Internals;
  return async (sql, params = [], options) => {
    const rest = options?.parsers ? { ...options, parsers: undefined } : options;
    // Not ready (PGlite's own start-up queries), closing or closed: PGlite's path, which knows.
    const values =
      fast && client.ready && (!rest || Object.keys(rest).every((k) => k === 'rowMode' || k === 'parsers'))
        ? params.map(asText)
        : undefined;
    if (!values || values.includes(undefined)) return query(sql, params, rest);
    const run = async () => {
      const message = concat([
        serialize.parse({ text: sql }),
        serialize.bind({ values: values as (string | null)[] }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]);
      const { messages } = await client.execProtocol(message, { syncToFs: !inTransaction });
      return parse.parseResults(messages, internals.parsers, rest)[0] as Results;
    };
    return inTransaction ? internals._runExclusiveQuery(run) : internals._runExclusiveTransaction(() => internals._runExclusiveQuery(run));
  };
}
