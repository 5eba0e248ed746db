import type { Metadata } from 'next';
import { requireOwner } from '@/lib/auth/require-owner';
import { Section } from '../_components/section';
import { SignInPanel } from '../_components/sign-in-panel';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign-in · Settings' };

/** Settings → Sign-in; the password actions come back here with ?password=<outcome>. */
export default async function Page(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOwner();
  const { password } = await props.searchParams;
  return (
    <Section
      id="signin-title"
      title="Sign-in"
      intro="The owner password, and the login sessions made with it (30 days each). A new password signs out every other session."
    >
      <SignInPanel outcome={typeof password === 'string' ? password : undefined} />
    </Section>
  );
}
