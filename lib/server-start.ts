import { ensureDatabaseReady } from '@/db';
import { setOwnerPassword } from './auth/owner';
import { env } from './env';
import { startScheduler } from './sync/runtime';
import { log } from './log';

/** Start-up work of a server process: parse the environment, open and migrate the database. */
export async function onServerStart(): Promise<void> {
  const e = env();
  if (e.secretsSource === 'generated') log.info(`Using demo secrets from ${e.DATA_DIR}/secrets.json`);
  const { db } = await ensureDatabaseReady();
  if (e.OWNER_PASSWORD) {
    await setOwnerPassword(db, e.OWNER_PASSWORD, { force: true });
    log.info('Owner password set from OWNER_PASSWORD');
  }
  startScheduler();
}
