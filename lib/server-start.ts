import { ensureDatabaseReady } from '@/db';
import { isOwnerSetUp, setOwnerPassword } from './auth/owner';
import { setupCode } from './auth/setup-code';
import { env } from './env';
import { startScheduler } from './runtime';
import { reencryptStoredTokens } from './tesla';
import { log } from './log';

/**
 * Start-up work of a server process: parse the environment, open and migrate the database, bring
 * stored tokens under the current key, and, until the owner has a password, print the setup code.
 */
export async function onServerStart(): Promise<void> {
  const e = env();
  if (e.secretsSource === 'generated') log.info(`Using demo secrets from ${e.DATA_DIR}/secrets.json`);
  const { db } = await ensureDatabaseReady();
  try {
    const reencrypted = await reencryptStoredTokens(db, {
      current: e.ENCRYPTION_KEY,
      previous: e.ENCRYPTION_KEY_PREVIOUS ? [e.ENCRYPTION_KEY_PREVIOUS] : [],
    });
    if (reencrypted > 0) log.info(`Re-encrypted ${reencrypted} stored Tesla token(s) under the current ENCRYPTION_KEY`);
  } catch (err) {
    // A key that cannot read the stored tokens must not stop the app: Settings says the Tesla connection failed.
    log.warn('The stored Tesla tokens could not be re-encrypted (set ENCRYPTION_KEY_PREVIOUS to the key they were made with)', err);
  }
  if (e.OWNER_PASSWORD) {
    await setOwnerPassword(db, e.OWNER_PASSWORD, { force: true });
    log.info('Owner password set from OWNER_PASSWORD');
  } else if (!(await isOwnerSetUp(db))) {
    log.warn(
      `Setup code: ${setupCode(e.AUTH_SECRET)} — open /setup to choose the owner password; it asks for this code ` +
        "unless you are on this machine's own browser (localhost). Or set OWNER_PASSWORD.",
    );
  }
  startScheduler();
}
