import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb, queryRows, type DbHandle } from '@/db/client';
import { migrateDb, migrationsFolder } from '@/db/migrate';

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

/** A short hash of the committed migrations: templates are keyed by it, so a changed schema never reuses a stale one. */
function migrationsKey(): string {
  const folder = migrationsFolder();
  const key = createHash('sha256');
  for (const f of readdirSync(folder)
    .filter((n) => n.endsWith('.sql'))
    .sort())
    key.update(f).update(readFileSync(path.join(folder, f)));
  return key.digest('hex').slice(0, 12);
}

async function clonePostgres(adminUrl: string): Promise<DbHandle> {
  const base = new URL(adminUrl);
  const template = `${base.pathname.slice(1)}_tpl_${migrationsKey()}`;
  const name = `${base.pathname.slice(1)}_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`select pg_advisory_lock(${TEMPLATE_LOCK_ID})`;
    const [exists] = await admin`select 1 from pg_database where datname = ${template}`;
    if (!exists) await admin.unsafe(`create database "${template}"`);
    const tplUrl = new URL(adminUrl);
    tplUrl.pathname = `/${template}`;
    const tpl = createDb({ url: tplUrl.toString(), max: 1 });
    await migrateDb(tpl); // a no-op once the template exists
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

/**
 * PGlite: a fresh initdb + migrate costs ~5 s per test file; loading a dump of an already migrated
 * database costs ~1 s. The dump is kept in the temp folder, keyed by the migrations' content.
 */
async function openPglite(): Promise<DbHandle> {
  const file = path.join(tmpdir(), `tessie-pglite-template-${migrationsKey()}.tar`);
  if (!existsSync(file)) {
    const fresh = createDb({ pgliteDir: 'memory://' });
    await migrateDb(fresh);
    const dump = await (fresh.db as unknown as { $client: PGlite }).$client.dumpDataDir('none');
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file); // atomic: parallel workers never read half a file
    await fresh.close();
  }
  return createDb({ pgliteDir: 'memory://', pgliteLoad: new Blob([readFileSync(file)]) });
}

export async function openTestDb(): Promise<DbHandle> {
  if (testDriver() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DB_DRIVER=postgres needs TEST_DATABASE_URL');
    return clonePostgres(url);
  }
  return openPglite();
}

/** Empties every table of the public schema (keeps drizzle's migration journal). */
export async function truncateAll(handle: DbHandle): Promise<void> {
  const tables = await queryRows<{ tablename: string }>(handle.db, sql`select tablename from pg_tables where schemaname = 'public'`);
  const names = tables.map((r) => `"public"."${r.tablename}"`);
  if (names.length > 0) await handle.db.execute(sql.raw(`truncate ${names.join(', ')} restart identity cascade`));
}

/**
 * An empty database (no migrations applied) on the driver under test, dropped on close: for tests
 * that migrate step by step (e.g. rows written before a migration, read after it).
 */
export async function openBlankTestDb(): Promise<DbHandle> {
  if (testDriver() === 'pglite') return createDb({ pgliteDir: 'memory://' });
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DB_DRIVER=postgres needs TEST_DATABASE_URL');
  const base = new URL(adminUrl);
  const name = `${base.pathname.slice(1)}_blank_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end({ timeout: 5 });
  base.pathname = `/${name}`;
  const handle = createDb({ url: base.toString(), max: 3 });
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
