import 'server-only';
import { and, count, eq, gte, lt, max, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loginAttempts } from '@/db/schema';
import { HttpError } from '@/lib/http/errors';
import { limitKey } from '@/lib/http/client-address';

/**
 * Limits on guessing the owner password (and the setup code), counted in `login_attempts` so they
 * hold across instances:
 * - per client (an address, an IPv6 /64): LOGIN_MAX_FAILURES failures in LOGIN_WINDOW_MS, then 429;
 * - in total: after GLOBAL_FREE_FAILURES failures in the window from anywhere, each further attempt
 *   waits 1 s, 2 s, 4 s … (at most GLOBAL_MAX_DELAY_MS) after the last failure, so an attacker with
 *   many addresses gets about one guess a minute.
 * An attempt is written as a failure before the password is checked, under an advisory lock, so
 * parallel requests cannot all pass the check; a correct password turns it into a success.
 * Rows older than KEEP_MS are pruned on the way.
 */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const GLOBAL_FREE_FAILURES = 20;
export const GLOBAL_MAX_DELAY_MS = 60_000;
export const KEEP_MS = 24 * 3_600_000;
const LIMIT_LOCK_ID = 7_404_213;

/** The wait the global limit imposes after `failures` failures in the window (0 below the free allowance). */
export function globalDelayMs(failures: number): number {
  if (failures < GLOBAL_FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - GLOBAL_FREE_FAILURES), GLOBAL_MAX_DELAY_MS);
}

/** Records an attempt (as a failure until `markSucceeded`), or throws HttpError 429 when a limit is reached. */
export async function beginAttempt(db: Db, client: string, now: Date): Promise<string> {
  const key = limitKey(client);
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LIMIT_LOCK_ID})`);
    const failed = and(eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since));
    const [mine] = await tx
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(failed, eq(loginAttempts.client, key)));
    if ((mine?.n ?? 0) >= LOGIN_MAX_FAILURES) {
      throw new HttpError(429, 'too_many_attempts', 'Too many failed logins from this address. Wait 15 minutes and try again.');
    }
    const [all] = await tx
      .select({ n: count(), last: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(failed);
    const wait = globalDelayMs(all?.n ?? 0);
    if (wait > 0 && all?.last && now.getTime() < all.last.getTime() + wait) {
      const seconds = Math.ceil((all.last.getTime() + wait - now.getTime()) / 1000);
      throw new HttpError(429, 'too_many_attempts', `Too many failed logins on this server. Try again in ${seconds} s.`, {
        retryAfterSeconds: seconds,
      });
    }
    await tx.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - KEEP_MS)));
    const [row] = await tx.insert(loginAttempts).values({ at: now, client: key, succeeded: false }).returning({ id: loginAttempts.id });
    return row!.id;
  });
}

/** Turns a recorded attempt into a success (it no longer counts against anyone). */
export async function markSucceeded(db: Db, attemptId: string): Promise<void> {
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}
