import 'server-only';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { auth } from './auth';
import { isOwnerSetUp } from './owner';

/** For pages: first run goes to /setup, no session goes to /login. (API routes answer 401 instead.) */
export async function requireOwner(): Promise<void> {
  if (!(await isOwnerSetUp(await getDb()))) redirect('/setup');
  const session = await auth();
  if (!session?.user) redirect('/login');
}
