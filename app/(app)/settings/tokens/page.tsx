import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getDb } from '@/db';
import { listApiTokens } from '@/lib/auth/api-tokens';
import { formatDateTime } from '@/lib/format';
import { readPreferences } from '@/lib/settings/preferences';
import { TokensPanel } from '../_components/tokens-panel';
import { requireOwner } from '@/lib/auth/require-owner';
import { SectionSkeleton } from '../_components/form-ui';
import { Section } from '../_components/section';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens · Settings' };

/** Settings → API tokens. */
export default async function Page() {
  await requireOwner();
  return (
    <Suspense fallback={<SectionSkeleton label="API tokens" rows={3} />}>
      <TokensSection />
    </Suspense>
  );
}

async function TokensSection() {
  const db = await getDb();
  const [tokens, prefs] = await Promise.all([listApiTokens(db), readPreferences(db)]);
  return (
    <Section
      id="tokens-title"
      title="API tokens"
      intro="For scripts and other apps using the JSON API. A token is shown once, when it is created. Scopes: read (every GET and the CSV exports), sync (sync now, wake a car), admin (settings, tokens, the Tesla connection)."
    >
      <TokensPanel
        tokens={tokens.map((t) => ({
          id: t.id,
          name: t.name,
          prefix: t.prefix,
          scopes: t.scopes,
          createdAt: formatDateTime(t.createdAt, prefs.timeZone),
          lastUsed: t.lastUsedAt ? formatDateTime(t.lastUsedAt, prefs.timeZone) : 'never',
        }))}
      />
    </Section>
  );
}
