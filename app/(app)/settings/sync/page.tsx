import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getDb } from '@/db';
import { formatDateTime, formatDuration } from '@/lib/format';
import { readPreferences } from '@/lib/settings/preferences';
import { describeUnreadable, listRuns } from '@/lib/sync/runs';
import { runSummary } from '@/lib/sync/run-summary';
import { SyncPanel } from '../_components/sync-panel';
import { requireOwner } from '@/lib/auth/require-owner';
import { SectionSkeleton } from '../_components/form-ui';
import { Section } from '../_components/section';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sync · Settings' };

/** Settings → Sync. */
export default async function Page() {
  await requireOwner();
  return (
    <Suspense fallback={<SectionSkeleton label="sync" rows={5} />}>
      <SyncSection />
    </Suspense>
  );
}

async function SyncSection() {
  const db = await getDb();
  const [runs, prefs] = await Promise.all([listRuns(db, 10), readPreferences(db)]);
  const last = runs.find((r) => r.status === 'succeeded')?.finishedAt ?? null;
  return (
    <Section
      id="sync-title"
      title="Sync"
      intro="The sync reads the cars and the energy site through the Tesla Fleet API and derives drives and charges. It runs on a schedule; “Sync now” asks for fresh data."
    >
      <SyncPanel
        lastSucceeded={last ? formatDateTime(last, prefs.timeZone) : null}
        runs={runs.map((r) => ({
          id: r.id,
          trigger: r.trigger,
          status: r.status,
          startedAt: formatDateTime(r.startedAt, prefs.timeZone),
          finishedAt: r.finishedAt ? formatDateTime(r.finishedAt, prefs.timeZone) : null,
          duration: r.finishedAt
            ? formatDuration(Math.max(60_000, r.finishedAt.getTime() - r.startedAt.getTime())).replace(/^1 min$/, '≤ 1 min')
            : 'running',
          requests: r.requests,
          summary: runSummary(r.counts as Record<string, unknown> | null),
          error: r.error,
          unreadable: describeUnreadable(r.teslaUnreadable),
        }))}
      />
    </Section>
  );
}
