import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ForgetSavedPages } from '@/app/_components/forget-saved-pages';
import { getDb } from '@/db';
import { isOwnerSetUp } from '@/lib/auth/owner';
import { safeReturnPath } from '@/lib/auth/return-path';
import { AuthCard, Field, SubmitButton } from '../auth-card';
import { login } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

const MESSAGES: Record<string, string> = {
  invalid: 'That password is not right.',
  rate_limited: 'Too many failed attempts. Wait a few minutes (at most 15) and try again.',
};

export default async function LoginPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await isOwnerSetUp(await getDb()))) redirect('/setup');
  const { error, next } = await props.searchParams;
  const message = typeof error === 'string' ? (MESSAGES[error] ?? MESSAGES.invalid) : undefined;
  return (
    <AuthCard title="Sign in" intro="Enter the owner password of this Tessie Stats." error={message}>
      <ForgetSavedPages />
      <form action={login} className="space-y-4">
        <input type="hidden" name="next" value={safeReturnPath(next)} />
        <Field name="password" label="Password" autoComplete="current-password" />
        <SubmitButton>Sign in</SubmitButton>
      </form>
    </AuthCard>
  );
}
