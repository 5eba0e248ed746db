'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { signIn, signOut } from '@/lib/auth/auth';
import { changeOwnerPassword, endAllSessions } from '@/lib/auth/owner';
import { requireOwner } from '@/lib/auth/require-owner';
import { clientAddress } from '@/lib/http/client-address';
import { HttpError } from '@/lib/http/errors';

const back = (outcome: string) => `/settings/sign-in?password=${outcome}#signin-title`;

/** Changes the owner password (the current one checked like a login), ending every other session; this one signs in anew. */
export async function changePasswordAction(formData: FormData): Promise<void> {
  await requireOwner();
  const next = String(formData.get('next') ?? '');
  if (next !== String(formData.get('confirm') ?? '')) redirect(back('mismatch'));
  try {
    await changeOwnerPassword(await getDb(), {
      current: String(formData.get('current') ?? ''),
      next,
      client: clientAddress(await headers()),
    });
  } catch (err) {
    if (err instanceof HttpError) redirect(back(err.code));
    throw err;
  }
  await signIn('credentials', { password: next, redirectTo: back('changed') });
}

/** Ends every login session, this one included (API tokens stay: revoke those one by one). */
export async function signOutEverywhereAction(): Promise<void> {
  await requireOwner();
  await endAllSessions(await getDb());
  await signOut({ redirectTo: '/login' });
}
