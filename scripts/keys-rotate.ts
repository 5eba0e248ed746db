/**
 * `npm run keys:rotate`: re-encrypts the stored Tesla tokens under a new ENCRYPTION_KEY.
 * - Generated key ($DATA_DIR/secrets.json): makes the new key, re-encrypts, forgets the old key
 *   (lib/key-rotation.ts). On the embedded database, stop the server first (one process per folder).
 * - ENCRYPTION_KEY from the environment: set the new key as ENCRYPTION_KEY and the old one as
 *   ENCRYPTION_KEY_PREVIOUS (for the app too), run this, then remove ENCRYPTION_KEY_PREVIOUS.
 * Run with `tsx --conditions=react-server` (the modules are server-only).
 */
import { randomBytes } from 'node:crypto';
import nextEnv from '@next/env';
import { createDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { parseEnv } from '../lib/env';
import { rotateGeneratedKey } from '../lib/key-rotation';
import { keyId, reencryptStoredTokens } from '../lib/tesla';

nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });

async function main() {
  const fromEnvironment = Boolean(process.env.ENCRYPTION_KEY);
  const e = parseEnv();
  const handle = createDb({ url: e.DATABASE_URL, prepare: e.DATABASE_PREPARE, pgliteDir: e.PGLITE_DIR });
  try {
    await migrateDb(handle);
    if (!fromEnvironment) {
      const r = await rotateGeneratedKey(handle.db, e.DATA_DIR);
      console.log(
        `New ENCRYPTION_KEY (id ${r.keyId}) in ${e.DATA_DIR}/secrets.json replaces key ${r.previousKeyId}; ${r.reencrypted} stored token(s) re-encrypted.`,
      );
      return;
    }
    const n = await reencryptStoredTokens(handle.db, {
      current: e.ENCRYPTION_KEY,
      previous: e.ENCRYPTION_KEY_PREVIOUS ? [e.ENCRYPTION_KEY_PREVIOUS] : [],
    });
    console.log(`${n} stored token(s) re-encrypted under ENCRYPTION_KEY (id ${keyId(e.ENCRYPTION_KEY)}).`);
    if (e.ENCRYPTION_KEY_PREVIOUS) console.log('Done: remove ENCRYPTION_KEY_PREVIOUS from the environment (app and scripts).');
    else
      console.log(
        'To rotate: set ENCRYPTION_KEY to a new key, for example ' +
          randomBytes(32).toString('hex') +
          ', and ENCRYPTION_KEY_PREVIOUS to the current one, restart the app, then run npm run keys:rotate again.',
      );
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(`Key rotation stopped, nothing lost (run it again): ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
