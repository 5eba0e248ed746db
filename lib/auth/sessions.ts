import 'server-only';
import type { Db } from '@/db/client';
import { currentCredentialsVersion } from './owner';

/**
 * Login sessions are Auth.js JWT cookies carrying `cv`, the owner's credentials version at sign-in.
 * Every request checks it against user_config: a password change or "sign out everywhere" raises
 * the version, and every session made before stops working at once, on every instance. A session
 * without `cv` (made before versions existed) is not current either.
 */
export type SessionClaims = { sub?: unknown; cv?: unknown } | null | undefined;

export async function isSessionCurrent(db: Db, claims: SessionClaims): Promise<boolean> {
  if (!claims?.sub || typeof claims.cv !== 'number') return false;
  return claims.cv === (await currentCredentialsVersion(db));
}
