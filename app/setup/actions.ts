'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { signIn } from '@/lib/auth/auth';
import { completeSetup } from '@/lib/auth/setup';
import { HttpError } from '@/lib/http/errors';

/** First run: sets the owner password (setup code checked unless local; refused once one exists), then signs the owner in. */
export async function setup(formData: FormData): Promise<void> {
  const password = String(formData.get('password') ?? '');
  try {
    await completeSetup(await getDb(), {
      password,
      confirm: String(formData.get('confirm') ?? ''),
      code: String(formData.get('code') ?? ''),
      headers: await headers(),
    });
  } catch (err) {
    if (err instanceof HttpError) redirect(err.code === 'already_set_up' ? '/login' : `/setup?error=${err.code}`);
    throw err;
  }
  await signIn('credentials', { password, redirectTo: '/' });
}
