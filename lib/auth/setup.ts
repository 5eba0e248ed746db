import 'server-only';
import type { Db } from '@/db/client';
import { env } from '@/lib/env';
import { clientAddress, isLocalRequest } from '@/lib/http/client-address';
import { HttpError } from '@/lib/http/errors';
import { clock } from '@/lib/clock';
import { beginAttempt, markSucceeded } from './login-limit';
import { isOwnerSetUp, setOwnerPassword } from './owner';
import { isSetupCode } from './setup-code';

export type SetupInput = { password: string; confirm: string; code: string; headers: Headers };

/** Whether /setup must ask this request for the setup code (everyone but this machine's own browser). */
export function setupNeedsCode(headers: Headers): boolean {
  return !isLocalRequest(headers);
}

/**
 * First run: sets the owner password. In this order, so nothing costly happens for a stranger:
 * refused (409) once a password exists; then the setup code, unless the request is local (a wrong
 * code counts as a failed login of that address, 403); then the passwords (422); then the hash.
 */
export async function completeSetup(db: Db, input: SetupInput): Promise<void> {
  if (await isOwnerSetUp(db)) throw new HttpError(409, 'already_set_up', 'The owner password is already set.');
  if (setupNeedsCode(input.headers)) {
    const attempt = await beginAttempt(db, clientAddress(input.headers), clock.now());
    if (!isSetupCode(input.code, env().AUTH_SECRET)) {
      throw new HttpError(403, 'wrong_setup_code', 'That is not the setup code printed in the server log.');
    }
    await markSucceeded(db, attempt);
  }
  if (input.password !== input.confirm) throw new HttpError(422, 'mismatch', 'The two passwords differ.');
  await setOwnerPassword(db, input.password);
}
