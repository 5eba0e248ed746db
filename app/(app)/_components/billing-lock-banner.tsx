import { formatWhen } from '@/lib/format';

/**
 * Says plainly that Tesla has disabled this app's Fleet API access for exceeding its billing limit
 * (403 `account disabled: EXCEEDED_LIMIT`, stored by lib/tesla), what the app does meanwhile, what
 * the owner can do at developer.tesla.com, and when the app tries again. Shown on the dashboard and
 * in Settings → Tesla connection; renders nothing when there is no lock-out.
 */
export function BillingLockBanner(props: { lock: { since: Date; retryAt: Date } | null; timeZone: string; now: Date }) {
  const { lock, timeZone, now } = props;
  if (!lock) return null;
  const next = lock.retryAt.getTime() > now.getTime() ? `at ${formatWhen(lock.retryAt, timeZone, now)}` : 'at the next sync';
  return (
    <div
      role="alert"
      data-testid="billing-lock-banner"
      className="space-y-1 rounded-xl border border-red-300 bg-red-50 p-4 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-semibold">Tesla has disabled this app’s API access for exceeding its billing limit.</p>
      <p>
        Since <time dateTime={lock.since.toISOString()}>{formatWhen(lock.since, timeZone, now)}</time> Tesla has answered “account disabled:
        EXCEEDED_LIMIT”. Tessie Stats has stopped every paid call, so your cars’ data is not updated; free calls (car state, energy site) go
        on while Tesla still answers them.
      </p>
      <p>
        To restore access, sign in at{' '}
        <a href="https://developer.tesla.com" className="font-medium underline" rel="noreferrer" target="_blank">
          developer.tesla.com
        </a>
        , open this app’s billing and raise its limit or add a payment method.
      </p>
      <p data-testid="billing-lock-retry">
        The app will try again <time dateTime={lock.retryAt.toISOString()}>{next}</time>, with one call, and resumes by itself once Tesla
        answers.
      </p>
    </div>
  );
}
