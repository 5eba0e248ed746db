import 'server-only';
import { randomBytes } from 'node:crypto';
import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import type { Db } from '@/db/client';
import { loadOrCreateDemoSecrets, secretsFile, type DemoSecrets } from '@/lib/env';
import { keyId, reencryptStoredTokens } from '@/lib/tesla';

/**
 * `npm run keys:rotate` for a generated ENCRYPTION_KEY (in $DATA_DIR/secrets.json):
 * 1. a new key is made, and the file names it with the old one as ENCRYPTION_KEY_PREVIOUS;
 * 2. every stored token is re-encrypted under the new key (one transaction);
 * 3. the old key is dropped from the file.
 * Stopped at any point, every value is still readable with what the file holds, and running it
 * again finishes the job. With ENCRYPTION_KEY in the environment the operator sets the new key and
 * ENCRYPTION_KEY_PREVIOUS, and only step 2 runs (`reencryptStoredTokens`).
 */
export type RotationReport = { keyId: string; previousKeyId: string; reencrypted: number };

function writeSecrets(file: string, secrets: DemoSecrets): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file); // atomic: the file always holds one complete set of keys
}

export async function rotateGeneratedKey(db: Db, dataDir: string): Promise<RotationReport> {
  const file = secretsFile(dataDir);
  let before = loadOrCreateDemoSecrets(dataDir);
  let reencrypted = 0;
  if (before.ENCRYPTION_KEY_PREVIOUS) {
    // An earlier rotation stopped half-way: finish it before the file can forget its old key.
    reencrypted += await reencryptStoredTokens(db, { current: before.ENCRYPTION_KEY, previous: [before.ENCRYPTION_KEY_PREVIOUS] });
    const { ENCRYPTION_KEY_PREVIOUS: _done, ...finished } = before;
    writeSecrets(file, finished);
    before = finished;
  }
  const next = randomBytes(32).toString('hex');
  writeSecrets(file, { ...before, ENCRYPTION_KEY: next, ENCRYPTION_KEY_PREVIOUS: before.ENCRYPTION_KEY });
  reencrypted += await reencryptStoredTokens(db, { current: next, previous: [before.ENCRYPTION_KEY] });
  writeSecrets(file, { ...before, ENCRYPTION_KEY: next });
  return { keyId: keyId(next), previousKeyId: keyId(before.ENCRYPTION_KEY), reencrypted };
}
