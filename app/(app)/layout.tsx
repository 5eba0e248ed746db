import { requireOwner } from '@/lib/auth/require-owner';
import { AppShell } from '@/app/_components/shell/app-shell';
import { DemoBanner } from './_components/demo-banner';
import { loadPreferences } from './_components/dashboard/preferences';

// Every page below reads the session and the database: never prerender at build time.
export const dynamic = 'force-dynamic';

/** The signed-in part of the app: first run goes to /setup, no session to /login. */
export default async function SignedInLayout(props: { children: React.ReactNode }) {
  await requireOwner();
  // Once per request, shared with the pages that read the preferences too.
  const { timeZone } = await loadPreferences();
  return (
    // The demo band is part of the first paint, not streamed after it: streamed, it arrived after
    // the page had painted, pushed everything below it down and was the page's largest text (its
    // LCP) on a phone (issue 20). It costs one small settings read before the page's first byte.
    <AppShell timeZone={timeZone} banner={<DemoBanner />}>
      {props.children}
    </AppShell>
  );
}
