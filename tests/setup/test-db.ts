import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb, queryRows, type DbHandle } from '@/db/client';
import { migrateDb } from '@/db/migrate';

/**
 * The integration tests' database: in-memory PGlite by default, the real Postgres server at
 * TEST_DATABASE_URL when the vitest project says so (TEST_DB_DRIVER=postgres). Same test files, both drivers.
 * On Postgres every test file gets its own database, cloned from a migrated template, dropped on close,
 * so files can run in parallel without touching each other's rows.
 */
export function testDriver(): 'pglite' | 'postgres' {
  return process.env.TEST_DB_DRIVER === 'postgres' ? 'postgres' : 'pglite';
}

const TEMPLATE_LOCK_ID = 7_404_299;

async function clonePostgres(adminUrl: string): Promise<DbHandle> {
  const base = new URL(adminUrl);
  const template = `${base.pathname.slice(1)}_tpl`;
  const name = `${base.pathname.slice(1)}_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`select pg_advisory_lock(${TEMPLATE_LOCK_ID})`;
    const [exists] = await admin`select 1 from pg_database where datname = ${template}`;
    if (!exists) await admin.unsafe(`create database "${template}"`);
    const tplUrl = new URL(adminUrl);
    tplUrl.pathname = `/${template}`;
    const tpl = createDb({ url: tplUrl.toString(), max: 1 });
    await migrateDb(tpl); // a no-op once current; picks up new migrations
    await tpl.close();
    await admin.unsafe(`create database "${name}" template "${template}"`);
  } finally {
    await admin`select pg_advisory_unlock(${TEMPLATE_LOCK_ID})`.catch(() => {});
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = createDb({ url: url.toString(), max: 3 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end({ timeout: 5 });
    },
  };
}

export async function openTestDb(): Promise<DbHandle> {
  if (testDriver() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DB_DRIVER=postgres needs TEST_DATABASE_URL');
    return clonePostgres(url);
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
