'use server';
import { signOut } from '@/lib/auth/auth';

/** Ends the owner's session and returns to the login page. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
