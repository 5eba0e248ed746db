import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { auth } from './auth';
import { isOwnerSetUp } from './owner';
import { loginUrl, RETURN_PATH_HEADER } from './return-path';
import { isSessionCurrent } from './sessions';

/**
 * For pages and server actions: first run goes to /setup, no current session goes to /login (a
 * session ended by a password change or "sign out everywhere" too), with the asked-for path as
 * `next` so signing in returns there. API routes answer 401 instead.
 */
export async function requireOwner(): Promise<void> {
  const db = await getDb();
  if (!(await isOwnerSetUp(db))) redirect('/setup');
  const session = (await auth()) as { user?: { name?: string | null }; cv?: unknown } | null;
  if (!session?.user || !(await isSessionCurrent(db, { sub: 'owner', cv: session.cv }))) {
    redirect(loginUrl((await headers()).get(RETURN_PATH_HEADER)));
  }
}
