import 'server-only';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { createDb, type Db, type DbHandle } from './client';
import { migrateDb } from './migrate';

export type { Db, DbHandle } from './client';

type State = { handle?: DbHandle; ready?: Promise<DbHandle> };
const g = globalThis as typeof globalThis & { __tessieDb?: State };
const state: State = (g.__tessieDb ??= {});

/** The process's database handle (one per process, kept on globalThis so dev HMR never opens a second PGlite). */
export function getDbHandle(): DbHandle {
  if (!state.handle) {
    const e = env();
    state.handle = createDb({ url: e.DATABASE_URL, prepare: e.DATABASE_PREPARE, pgliteDir: e.PGLITE_DIR });
  }
  return state.handle;
}

/** Opens the database and applies migrations once per process; every reader awaits this. */
export function ensureDatabaseReady(): Promise<DbHandle> {
  state.ready ??= (async () => {
    const handle = getDbHandle();
    const started = performance.now();
    await migrateDb(handle);
    log.info(`Database ready (${handle.driver}), migrations applied in ${Math.round(performance.now() - started)} ms`);
    return handle;
  })().catch((err) => {
    state.ready = undefined;
    throw err;
  });
  return state.ready;
}

/** The Drizzle database, migrated. */
export async function getDb(): Promise<Db> {
  return (await ensureDatabaseReady()).db;
}

/** Makes `handle` the process's database (tests and scripts that opened one themselves). */
export function installDbHandle(handle: DbHandle): void {
  state.handle = handle;
  state.ready = Promise.resolve(handle);
}
