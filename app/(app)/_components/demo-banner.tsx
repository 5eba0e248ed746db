import { Link } from '@/app/_components/intent-link';
import { getDb } from '@/db';
import { clock } from '@/lib/clock';
import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/format';
import { readPreferences } from '@/lib/settings/preferences';
import { demoStatus } from '@/lib/sync/demo';

/**
 * Says on every page that the figures are the demo's (a simulated household, no Tesla account),
 * with the way to connect a car; while the demo's history is still being written, how far it has
 * got, so months-old states are not taken for live ones. Nothing with a real account.
 */
export async function DemoBanner() {
  if (env().TESLA_MODE === 'live') return null;
  const db = await getDb();
  const status = await demoStatus(db, clock.now());
  if (!status) return null;
  // The owner's zone only for the seeding's "figures are those of …": a ready demo's band reads no preferences.
  const timeZone = status.seeding && status.historyUntil ? (await readPreferences(db)).timeZone : null;
  return (
    <aside
      aria-label="Demo data"
      data-testid="demo-banner"
      className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-950 sm:px-6 lg:px-8 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
    >
      {status.seeding ? (
        <p role="status" data-testid="demo-seeding">
          <strong className="font-semibold">Loading demo history: {status.percent} %.</strong>{' '}
          {status.historyUntil && timeZone ? (
            <>
              Figures and car states are those of{' '}
              <time dateTime={status.historyUntil.toISOString()}>{formatDateTime(status.historyUntil, timeZone)}</time> until it finishes;
              reload to see it move on.
            </>
          ) : (
            'The first days are being written; reload in a moment.'
          )}
        </p>
      ) : (
        <p>
          <strong className="font-semibold">Demo data:</strong> a simulated household, no Tesla account is connected.{' '}
          <Link href="/settings/tesla" className="font-medium underline underline-offset-2">
            Connect your car
          </Link>
        </p>
      )}
    </aside>
  );
}
