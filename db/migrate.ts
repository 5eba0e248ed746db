import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import journal from '../drizzle/meta/_journal.json';
import { queryRows, type DbHandle } from './client';

/** Any constant: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_ID = 7_404_211;

export function migrationsFolder(): string {
  return process.env.MIGRATIONS_DIR ?? path.join(process.cwd(), 'drizzle');
}

/**
 * Applies the committed migrations (drizzle/). Re-running is a no-op. On Postgres the run holds an
 * advisory lock, so several instances starting together migrate once.
 */
export async function migrateDb(handle: DbHandle): Promise<void> {
  const folder = migrationsFolder();
  if (handle.driver === 'pglite') {
    await migratePglite(handle.db as never, { migrationsFolder: folder });
    return;
  }
  const conn = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    await conn`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzlePostgres(conn), { migrationsFolder: folder });
  } finally {
    await conn`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.catch(() => {});
    await conn.end({ timeout: 5 });
  }
}

export type MigrationStatus = { current: boolean; applied: number; expected: number };

/** Compares drizzle's journal table with the committed journal (bundled, so it works on Vercel too). */
export async function getMigrationStatus(handle: DbHandle): Promise<MigrationStatus> {
  const expected = journal.entries.length;
  const lastWhen = Math.max(...journal.entries.map((e) => e.when));
  try {
    const [row] = await queryRows<{ applied: number; last: string | number }>(
      handle.db,
      sql`select count(*)::int as applied, coalesce(max(created_at), 0)::bigint as last from drizzle.__drizzle_migrations`,
    );
    const applied = Number(row?.applied ?? 0);
    return { current: Number(row?.last ?? 0) >= lastWhen, applied, expected };
  } catch {
    return { current: false, applied: 0, expected };
  }
}
