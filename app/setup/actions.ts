'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { signIn } from '@/lib/auth/auth';
import { completeSetup, setupNeedsCode } from '@/lib/auth/setup';
import { HttpError } from '@/lib/http/errors';

/** First run: sets the owner password (setup code checked unless local; refused once one exists), then signs the owner in. */
export async function setup(formData: FormData): Promise<void> {
  const password = String(formData.get('password') ?? '');
  const h = await headers();
  try {
    await completeSetup(await getDb(), {
      password,
      confirm: String(formData.get('confirm') ?? ''),
      code: String(formData.get('code') ?? ''),
      headers: h,
    });
  } catch (err) {
    // Next.js renders the redirect's page through a request of its own over loopback with forwarding
    // headers, which never looks local: `local=1` carries this request's answer to the form (a
    // stranger who adds it only hides the field; the code is still required of them here).
    if (err instanceof HttpError)
      redirect(err.code === 'already_set_up' ? '/login' : `/setup?error=${err.code}${setupNeedsCode(h) ? '' : '&local=1'}`);
    throw err;
  }
  await signIn('credentials', { password, redirectTo: '/' });
}
