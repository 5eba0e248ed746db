import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { getOwnerFields } from '@/db/queries/owner';
import { userConfig } from '@/db/schema';
import { HttpError } from '@/lib/http/errors';
import { clock } from '@/lib/clock';
import { beginAttempt, markSucceeded } from './login-limit';
import { hashPassword, MIN_PASSWORD_LENGTH, needsRehash, verifyPassword } from './password';

export { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from './login-limit';

const OWNER_LOCK_ID = 7_404_212;

async function ownerRow(db: Db) {
  return getOwnerFields(db, { id: userConfig.id, hash: userConfig.ownerPasswordHash, version: userConfig.credentialsVersion });
}

/** True once the owner has a password (set on the setup page or from OWNER_PASSWORD). */
export async function isOwnerSetUp(db: Db): Promise<boolean> {
  return Boolean((await ownerRow(db))?.hash);
}

/** The credentials version login sessions must carry; undefined before the owner is set up. */
export async function currentCredentialsVersion(db: Db): Promise<number | undefined> {
  const row = await ownerRow(db);
  return row?.hash ? row.version : undefined;
}

function checkStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new HttpError(422, 'weak_password', `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
}

/**
 * Sets the owner password, first run only: refuses (409) when one is already set, before hashing
 * anything, so the setup page can neither take over an installation nor be used to burn CPU.
 * `force` is for OWNER_PASSWORD at start-up: the same password as stored changes nothing (sessions
 * stay), a different one replaces it and ends every session.
 */
export async function setOwnerPassword(db: Db, password: string, opts: { force?: boolean } = {}): Promise<void> {
  checkStrength(password);
  const existing = await ownerRow(db);
  if (existing?.hash && !opts.force) throw new HttpError(409, 'already_set_up', 'The owner password is already set.');
  if (existing?.hash && (await verifyPassword(password, existing.hash))) {
    if (needsRehash(existing.hash)) await upgradeHash(db, existing.id, existing.hash, password);
    return;
  }
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${OWNER_LOCK_ID})`); // two first-run setups race safely
    const row = await getOwnerFields(tx, { id: userConfig.id, hash: userConfig.ownerPasswordHash });
    if (row?.hash && !opts.force) throw new HttpError(409, 'already_set_up', 'The owner password is already set.');
    if (row)
      await tx
        .update(userConfig)
        .set({ ownerPasswordHash: hash, credentialsVersion: sql`${userConfig.credentialsVersion} + 1`, updatedAt: clock.now() })
        .where(eq(userConfig.id, row.id));
    else await tx.insert(userConfig).values({ ownerPasswordHash: hash });
  });
}

/** Replaces a hash made with older parameters (same password: sessions stay). */
async function upgradeHash(db: Db, id: string, old: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await db
    .update(userConfig)
    .set({ ownerPasswordHash: hash })
    .where(and(eq(userConfig.id, id), eq(userConfig.ownerPasswordHash, old)));
}

/**
 * Checks a login attempt. The attempt is recorded (as a failure) before the password is checked, and
 * HttpError 429 is thrown when the client or the server as a whole has failed too often
 * (lib/auth/login-limit.ts). A correct password stored with older scrypt parameters is rehashed.
 */
export async function checkOwnerLogin(db: Db, params: { password: string; client: string; now?: Date }): Promise<boolean> {
  const attempt = await beginAttempt(db, params.client, params.now ?? clock.now());
  const row = await ownerRow(db);
  const ok = Boolean(row?.hash) && (await verifyPassword(params.password, row!.hash!));
  if (!ok) return false;
  await markSucceeded(db, attempt);
  if (needsRehash(row!.hash!)) await upgradeHash(db, row!.id, row!.hash!, params.password);
  return true;
}

/**
 * The owner changes the password: the current one is checked like a login (limited), then the new
 * one is stored and every session made before ends (the caller signs the owner in again).
 */
export async function changeOwnerPassword(db: Db, params: { current: string; next: string; client: string }): Promise<void> {
  checkStrength(params.next);
  if (!(await checkOwnerLogin(db, { password: params.current, client: params.client }))) {
    throw new HttpError(403, 'wrong_password', 'The current password is not right.');
  }
  const hash = await hashPassword(params.next);
  await db
    .update(userConfig)
    .set({ ownerPasswordHash: hash, credentialsVersion: sql`${userConfig.credentialsVersion} + 1`, updatedAt: clock.now() })
    .where(sql`${userConfig.ownerPasswordHash} is not null`);
}

/** "Sign out everywhere": every login session made so far stops working (API tokens are not sessions). */
export async function endAllSessions(db: Db): Promise<void> {
  await db
    .update(userConfig)
    .set({ credentialsVersion: sql`${userConfig.credentialsVersion} + 1`, updatedAt: clock.now() })
    .where(sql`${userConfig.ownerPasswordHash} is not null`);
}
