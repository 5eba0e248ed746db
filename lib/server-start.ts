import { ensureDatabaseReady } from '@/db';
import { env } from './env';
import { log } from './log';

/** Start-up work of a server process: parse the environment, open and migrate the database. */
export async function onServerStart(): Promise<void> {
  const e = env();
  if (e.secretsSource === 'generated') log.info(`Using demo secrets from ${e.DATA_DIR}/secrets.json`);
  await ensureDatabaseReady();
}
