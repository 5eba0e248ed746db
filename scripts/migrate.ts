/**
 * `npm run db:migrate`: applies the committed migrations to DATABASE_URL, or to the PGlite folder
 * (PGLITE_DIR, default ./.data/pglite). Refuses a PGlite folder a running server holds.
 * The server migrates by itself at start-up, so this is for deploy pipelines and fresh databases.
 */
import { createDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { PgliteLockedError } from '../db/pglite-lock';
import { parseEnv } from '../lib/env';

async function main() {
  const e = parseEnv();
  const handle = createDb({ url: e.DATABASE_URL, prepare: e.DATABASE_PREPARE, pgliteDir: e.PGLITE_DIR });
  try {
    const started = performance.now();
    await migrateDb(handle);
    console.log(
      `Migrations applied on ${handle.driver}${handle.driver === 'pglite' ? ` (${e.PGLITE_DIR})` : ''} in ${Math.round(performance.now() - started)} ms.`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof PgliteLockedError ? err.message : `Migration failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
