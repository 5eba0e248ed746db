import { Suspense } from 'react';
import { getDb } from '@/db';
import { clock } from '@/lib/clock';
import { env } from '@/lib/env';
import { readPreferences } from '@/lib/settings/preferences';
import { getConnectionReport, teslaConnectionConfig, type StepState } from '@/lib/tesla';
import { BillingLockBanner } from '../../_components/billing-lock-banner';
import { TeslaCheckButton, TeslaConnectResult, TeslaDisconnectButton, TeslaTokenForm } from './tesla-connection-client';

/**
 * Settings → Tesla connection (a server component, no props): the checklist from
 * lib/tesla's connection report, "Connect with Tesla" (the OAuth flow), a refresh-token form,
 * disconnect, and the steps for creating the Tesla developer app.
 */
const STATE_TEXT: Record<StepState, { label: string; className: string; mark: string }> = {
  ok: { label: 'Done', mark: '✓', className: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200' },
  pending: { label: 'To do', mark: '•', className: 'bg-gray-100 text-gray-700 dark:bg-gray-800 dark:text-gray-200' },
  failed: { label: 'Problem', mark: '!', className: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200' },
  skipped: { label: 'Not needed', mark: '–', className: 'bg-gray-50 text-gray-500 dark:bg-gray-900 dark:text-gray-400' },
};

const code = 'rounded bg-gray-100 px-1 dark:bg-gray-800';

/** In demo mode: plainly, that this is the demo, and the steps from here to the owner's own car. */
function GoingLive() {
  return (
    <div
      data-testid="going-live"
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
    >
      <p className="font-medium text-amber-950 dark:text-amber-100">
        This is the demo: a built-in Tesla simulator answers instead of Tesla, and no Tesla account is connected.
      </p>
      <p className="text-amber-950 dark:text-amber-100">To connect your own car:</p>
      <ol className="list-decimal space-y-1 pl-5 text-amber-950 dark:text-amber-100">
        <li>Create the Tesla developer app (“Creating the Tesla developer app” below).</li>
        <li>
          Set <code className={code}>TESLA_MODE=live</code>, <code className={code}>TESLA_CLIENT_ID</code>,{' '}
          <code className={code}>TESLA_CLIENT_SECRET</code> and <code className={code}>TESLA_PUBLIC_KEY</code> in the server’s environment
          (the <code className={code}>.env</code> file, or the project’s settings on Vercel).
        </li>
        <li>Restart the app (redeploy on Vercel). The demo’s data is replaced by your own as the first sync runs.</li>
        <li>Come back here and press “Connect with Tesla”.</li>
      </ol>
    </div>
  );
}

const buttonClass =
  'inline-flex items-center justify-center rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:focus-visible:outline-blue-400';

export async function TeslaConnection() {
  const { mode, clientId } = teslaConnectionConfig();
  const db = await getDb();
  const [report, prefs] = await Promise.all([getConnectionReport({ db, env: env(), mode, clientId }), readPreferences(db)]);
  const summary = report.connected ? `Connected${report.region ? ` (region ${report.region.toUpperCase()})` : ''}` : 'Not connected';
  return (
    <section
      aria-labelledby="tesla-connection-title"
      data-testid="tesla-connection"
      className="space-y-5 rounded-xl border border-gray-200 bg-white p-4 sm:p-6 dark:border-gray-800 dark:bg-gray-900"
    >
      <div className="space-y-1">
        <h2 id="tesla-connection-title" className="text-base font-semibold text-gray-900 dark:text-gray-100">
          Tesla connection
        </h2>
        <p className="text-sm text-gray-600 dark:text-gray-400">
          <span data-testid="tesla-connection-summary" className="font-medium text-gray-900 dark:text-gray-100">
            {summary}
          </span>
          {mode === 'simulator' ? ' · Demo mode: the built-in Tesla simulator stands in for your account.' : null}
        </p>
      </div>
      {mode === 'simulator' ? <GoingLive /> : null}
      <Suspense fallback={null}>
        <TeslaConnectResult />
      </Suspense>
      <BillingLockBanner lock={report.billingLock} timeZone={prefs.timeZone} now={clock.now()} />

      <ol className="space-y-2" aria-label="Connection steps">
        {report.steps.map((step) => {
          const s = STATE_TEXT[step.state];
          return (
            <li key={step.id} data-step={step.id} data-state={step.state} className="flex items-start gap-3 text-sm">
              <span
                className={`mt-0.5 inline-flex min-w-16 shrink-0 items-center justify-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${s.className}`}
              >
                <span aria-hidden="true">{s.mark}</span>
                {s.label}
              </span>
              <span className="min-w-0 break-words">
                <span className="font-medium text-gray-900 dark:text-gray-100">{step.label}</span>
                <span className="block text-gray-600 dark:text-gray-400">{step.detail}</span>
              </span>
            </li>
          );
        })}
      </ol>

      <div className="flex flex-wrap gap-2">
        {/* A plain link: the route answers with a redirect to Tesla's sign-in page. */}
        <a
          href="/api/tesla/connect"
          className={`${buttonClass} bg-blue-700 text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500`}
        >
          {mode === 'simulator'
            ? report.connected
              ? 'Reconnect the demo simulator'
              : 'Connect the demo simulator'
            : report.connected
              ? 'Reconnect with Tesla'
              : 'Connect with Tesla'}
        </a>
        {report.connected ? (
          <TeslaCheckButton
            answeredBy={mode === 'simulator' ? 'The simulator' : 'Tesla'}
            className={`${buttonClass} border border-gray-300 text-gray-800 hover:bg-gray-100 dark:border-gray-700 dark:text-gray-100 dark:hover:bg-gray-800`}
          />
        ) : null}
        {report.connected ? (
          <TeslaDisconnectButton
            className={`${buttonClass} border border-red-300 text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-200 dark:hover:bg-red-950`}
          />
        ) : null}
      </div>

      <details className="group rounded-lg border border-gray-200 p-3 dark:border-gray-800">
        <summary className="cursor-pointer text-sm font-medium text-gray-900 dark:text-gray-100">Paste a refresh token instead</summary>
        <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">
          Have a Tesla refresh token from another tool made with this app’s client id? It is tried at Tesla first; only a working one is
          stored (encrypted).
        </p>
        <TeslaTokenForm
          buttonClassName={`${buttonClass} bg-gray-900 text-white hover:bg-gray-700 dark:bg-gray-100 dark:text-gray-900 dark:hover:bg-gray-300`}
        />
      </details>

      <details className="rounded-lg border border-gray-200 p-3 dark:border-gray-800">
        <summary className="cursor-pointer text-sm font-medium text-gray-900 dark:text-gray-100">Creating the Tesla developer app</summary>
        <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-gray-700 dark:text-gray-300">
          <li>
            On <span className="font-medium">developer.tesla.com</span>, create an application (“Authorization Code and Machine-to-Machine”)
            with your domain as allowed origin and
            <code className="mx-1 rounded bg-gray-100 px-1 break-all dark:bg-gray-800">https://&lt;your domain&gt;/api/tesla/callback</code>
            as redirect URI. Ask for vehicle information, vehicle location, vehicle commands, charging and energy product information.
          </li>
          <li>
            Set <code className="rounded bg-gray-100 px-1 dark:bg-gray-800">TESLA_CLIENT_ID</code> and{' '}
            <code className="rounded bg-gray-100 px-1 dark:bg-gray-800">TESLA_CLIENT_SECRET</code> and run{' '}
            <code className="rounded bg-gray-100 px-1 dark:bg-gray-800">npm run tesla:setup</code>: it creates the key pair and prints{' '}
            <code className="rounded bg-gray-100 px-1 dark:bg-gray-800">TESLA_PUBLIC_KEY</code>.
          </li>
          <li>
            Deploy with <code className="rounded bg-gray-100 px-1 dark:bg-gray-800">TESLA_PUBLIC_KEY</code> set, so the key is served from
            your domain.
          </li>
          <li>
            Register the domain in your region(s):{' '}
            <code className="rounded bg-gray-100 px-1 break-all dark:bg-gray-800">
              npm run tesla:setup -- --domain &lt;your domain&gt; --region na,eu --record
            </code>
            .
          </li>
          <li>Press “Connect with Tesla”, sign in and allow every permission (location included).</li>
        </ol>
      </details>
    </section>
  );
}
