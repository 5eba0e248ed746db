import { sql } from 'drizzle-orm';
import { createDb, queryRows, type DbHandle } from '@/db/client';
import { migrateDb } from '@/db/migrate';

/**
 * The integration tests' database: in-memory PGlite by default, the real Postgres server at
 * TEST_DATABASE_URL when the vitest project says so (TEST_DB_DRIVER=postgres). Same test files, both drivers.
 */
export function testDriver(): 'pglite' | 'postgres' {
  return process.env.TEST_DB_DRIVER === 'postgres' ? 'postgres' : 'pglite';
}

export async function openTestDb(): Promise<DbHandle> {
  if (testDriver() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DB_DRIVER=postgres needs TEST_DATABASE_URL');
    const handle = createDb({ url, max: 3 });
    await migrateDb(handle);
    return handle;
  }
  const handle = createDb({ pgliteDir: 'memory://' });
  await migrateDb(handle);
  return handle;
}

/** Empties every table of the public schema (keeps drizzle's migration journal). */
export async function truncateAll(handle: DbHandle): Promise<void> {
  const tables = await queryRows<{ tablename: string }>(
    handle.db,
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  const names = tables.map((r) => `"public"."${r.tablename}"`);
  if (names.length > 0) await handle.db.execute(sql.raw(`truncate ${names.join(', ')} restart identity cascade`));
}
