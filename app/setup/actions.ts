'use server';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { signIn } from '@/lib/auth/auth';
import { setOwnerPassword } from '@/lib/auth/owner';
import { HttpError } from '@/lib/http/errors';

/** First run: sets the owner password (refused once one exists), then signs the owner in. */
export async function setup(formData: FormData): Promise<void> {
  const password = String(formData.get('password') ?? '');
  if (password !== String(formData.get('confirm') ?? '')) redirect('/setup?error=mismatch');
  try {
    await setOwnerPassword(await getDb(), password);
  } catch (err) {
    if (err instanceof HttpError) redirect(err.code === 'already_set_up' ? '/login' : `/setup?error=${err.code}`);
    throw err;
  }
  await signIn('credentials', { password, redirectTo: '/' });
}
