'use server';
import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/auth';

/** Signs the owner in; on failure returns to /login with a reason the page explains. */
export async function login(formData: FormData): Promise<void> {
  try {
    await signIn('credentials', { password: String(formData.get('password') ?? ''), redirectTo: '/' });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code === 'rate_limited' ? 'rate_limited' : 'invalid';
      redirect(`/login?error=${code}`);
    }
    throw err; // the success redirect is thrown too
  }
}
