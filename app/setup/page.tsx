import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { isOwnerSetUp } from '@/lib/auth/owner';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { setupNeedsCode } from '@/lib/auth/setup';
import { AuthCard, Field, SubmitButton } from '../auth-card';
import { setup } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Set up' };

const MESSAGES: Record<string, string> = {
  mismatch: 'The two passwords differ.',
  weak_password: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
  wrong_setup_code: 'That is not the setup code. The server printed it in its log when it started.',
  too_many_attempts: 'Too many wrong codes or passwords. Wait 15 minutes and try again.',
};

export default async function SetupPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await isOwnerSetUp(await getDb())) redirect('/login');
  const { error, local } = await props.searchParams;
  // `local=1`: the failed attempt this page reports came from this machine (see actions.ts).
  const needsCode = setupNeedsCode(await headers()) && local !== '1';
  return (
    <AuthCard
      title="Welcome to Tessie Stats"
      intro={`Choose the owner password. Everything here, the demo included, stays behind it. At least ${MIN_PASSWORD_LENGTH} characters.`}
      error={typeof error === 'string' ? (MESSAGES[error] ?? 'That did not work; try again.') : undefined}
    >
      <form action={setup} className="space-y-4">
        {needsCode ? (
          <Field
            name="code"
            label="Setup code"
            type="text"
            autoComplete="off"
            hint="Printed in the server's log when it started (“Setup code: …”). It proves you run this server."
          />
        ) : null}
        <Field name="password" label="Password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} />
        <Field name="confirm" label="Repeat the password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} />
        <SubmitButton>Set password and continue</SubmitButton>
      </form>
    </AuthCard>
  );
}
