import { requireOwner } from '@/lib/auth/require-owner';
import { Suspense } from 'react';
import { AppShell } from './_components/app-shell';
import { DemoBanner } from './_components/demo-banner';

// Every page below reads the session and the database: never prerender at build time.
export const dynamic = 'force-dynamic';

/** The signed-in part of the app: first run goes to /setup, no session to /login. */
export default async function SignedInLayout(props: { children: React.ReactNode }) {
  await requireOwner();
  return (
    <AppShell
      banner={
        <Suspense fallback={null}>
          <DemoBanner />
        </Suspense>
      }
    >
      {props.children}
    </AppShell>
  );
}
