'use server';
import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/auth';
import { safeReturnPath } from '@/lib/auth/return-path';

/** Signs the owner in and returns to the asked-for page; on failure back to /login with a reason the page explains. */
export async function login(formData: FormData): Promise<void> {
  const next = safeReturnPath(formData.get('next'));
  try {
    await signIn('credentials', { password: String(formData.get('password') ?? ''), redirectTo: next });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code === 'rate_limited' ? 'rate_limited' : 'invalid';
      redirect(`/login?error=${code}${next === '/' ? '' : `&next=${encodeURIComponent(next)}`}`);
    }
    throw err; // the success redirect is thrown too
  }
}
