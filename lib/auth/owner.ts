import 'server-only';
import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loginAttempts, userConfig } from '@/db/schema';
import { HttpError } from '@/lib/http/errors';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password';
import { clock } from '@/lib/clock';

/** Failed logins allowed per client address in the window before logins are refused (429). */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;
const OWNER_LOCK_ID = 7_404_212;

async function ownerRow(db: Db) {
  const [row] = await db.select({ id: userConfig.id, hash: userConfig.ownerPasswordHash }).from(userConfig).limit(1);
  return row;
}

/** True once the owner has a password (set on the setup page or from OWNER_PASSWORD). */
export async function isOwnerSetUp(db: Db): Promise<boolean> {
  return Boolean((await ownerRow(db))?.hash);
}

/**
 * Sets the owner password, first run only: refuses (409) when one is already set, so the setup
 * page can never be used to take over an installation. `force` is for OWNER_PASSWORD at start-up.
 */
export async function setOwnerPassword(db: Db, password: string, opts: { force?: boolean } = {}): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new HttpError(422, 'weak_password', `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${OWNER_LOCK_ID})`); // two first-run setups race safely
    const [row] = await tx.select({ id: userConfig.id, hash: userConfig.ownerPasswordHash }).from(userConfig).limit(1);
    if (row?.hash && !opts.force) throw new HttpError(409, 'already_set_up', 'The owner password is already set.');
    if (row) await tx.update(userConfig).set({ ownerPasswordHash: hash, updatedAt: clock.now() }).where(eq(userConfig.id, row.id));
    else await tx.insert(userConfig).values({ ownerPasswordHash: hash });
  });
}

/**
 * Checks a login attempt and records it. Throws HttpError 429 when the client has failed
 * LOGIN_MAX_FAILURES times within LOGIN_WINDOW_MS (checked before the password, so guessing stops).
 */
export async function checkOwnerLogin(db: Db, params: { password: string; client: string; now?: Date }): Promise<boolean> {
  const now = params.now ?? clock.now();
  const [{ failures } = { failures: 0 }] = await db
    .select({ failures: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.client, params.client),
        eq(loginAttempts.succeeded, false),
        gte(loginAttempts.at, new Date(now.getTime() - LOGIN_WINDOW_MS)),
      ),
    );
  if (failures >= LOGIN_MAX_FAILURES) {
    throw new HttpError(429, 'too_many_attempts', 'Too many failed logins. Wait 15 minutes and try again.');
  }
  const row = await ownerRow(db);
  const ok = Boolean(row?.hash) && (await verifyPassword(params.password, row!.hash!));
  await db.insert(loginAttempts).values({ at: now, client: params.client.slice(0, 64), succeeded: ok });
  return ok;
}
