import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { withFastQuery } from './pglite-fast';
import { acquirePgliteLock } from './pglite-lock';
import * as schema from './schema';

/** The one database type both drivers satisfy. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbDriver = 'pglite' | 'postgres';

export type DbHandle = {
  db: Db;
  driver: DbDriver;
  /** Present for the postgres driver (used by the migrator's advisory lock). */
  url?: string;
  close: () => Promise<void>;
};

export type CreateDbOptions = {
  /** postgres:// URL; when absent, embedded PGlite is used. */
  url?: string;
  /** `false` for transaction poolers (Vercel Postgres, Neon, PgBouncer) that cannot keep prepared statements. */
  prepare?: boolean;
  /** PGlite data folder, or `memory://` for an in-memory database. */
  pgliteDir?: string;
  max?: number;
  /** PGlite only: start from this dump (`dumpDataDir`) instead of an empty database (tests). */
  pgliteLoad?: Blob;
};

/** The only place that calls drizzle(): postgres.js when a URL is given, PGlite otherwise. */
export function createDb(opts: CreateDbOptions): DbHandle {
  if (opts.url) {
    const sql = postgres(opts.url, { max: opts.max ?? 5, prepare: opts.prepare ?? true, onnotice: () => {} });
    return {
      db: drizzlePostgres(sql, { schema }) as unknown as Db,
      driver: 'postgres',
      url: opts.url,
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const dir = opts.pgliteDir ?? './.data/pglite';
  const inMemory = dir.startsWith('memory://');
  let release = () => {};
  if (!inMemory) {
    if (!existsSync(dir)) {
      // PGlite creates only the last path segment; the database is for this user's eyes only (0700).
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
    }
    release = acquirePgliteLock(dir);
  }
  const client = new PGlite({ dataDir: inMemory ? undefined : dir, loadDataDir: opts.pgliteLoad, parsers: DRIZZLE_PARSERS });
  installParsersOnce(client);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    driver: 'pglite',
    close: async () => {
      await client.close();
      release();
    },
  };
}

/**
 * True for embedded PGlite: one connection in one process (the folder lock guarantees it), which
 * runs transactions one at a time, so cross-process advisory locks add nothing there.
 */
export function isSingleConnection(db: Db): boolean {
  return (db as unknown as { $client?: unknown }).$client instanceof PGlite;
}

/**
 * drizzle's PGlite driver passes the same identity parsers (dates, timestamps and intervals stay
 * text, drizzle maps them) with every query, and PGlite copies its whole parser table for each
 * such query: about a third of the cost of a small query. They are installed once at construction
 * instead and the per-query copy is dropped; the rows are the same. Queries go to the backend in
 * one call each (db/pglite-fast.ts).
 */
const keepText = (value: string) => value;
const DRIZZLE_PARSERS = Object.fromEntries(
  [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((t) => [t, keepText]),
);

type Queryable = { query: PGlite['query'] };
function fastQueries(client: PGlite, q: Queryable, inTransaction: boolean): void {
  q.query = withFastQuery(client, q.query.bind(q) as Parameters<typeof withFastQuery>[1], inTransaction) as PGlite['query'];
}

function installParsersOnce(client: PGlite): void {
  fastQueries(client, client, false);
  const transaction = client.transaction.bind(client);
  client.transaction = (<T>(fn: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      fastQueries(client, tx, true);
      return fn(tx);
    })) as PGlite['transaction'];
}

/** Runs raw SQL and returns its rows; the two drivers wrap results differently (`{ rows }` vs an array). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } & T[];
  return result.rows ?? result;
}

/** SQLSTATE of a unique-key conflict. */
export const UNIQUE_VIOLATION = '23505';

/** The Postgres SQLSTATE of a failed statement, whichever driver raised it (e.g. '23505' unique violation). */
export function pgErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}
