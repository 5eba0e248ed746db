'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';

/** Client parts of Settings → Tesla connection: the forms and buttons that call the JSON API. */
type ApiError = { error?: { code?: string; message?: string } };

async function errorMessage(res: Response): Promise<string> {
  const body = (await res.json().catch(() => ({}))) as ApiError;
  return body.error?.message ?? `The server answered ${res.status}.`;
}

const REASONS: Record<string, string> = {
  access_denied: 'You declined the permissions at Tesla. Nothing was changed.',
  tesla_reauth_required: 'Tesla did not accept the sign-in (the code expired or was already used). Try again.',
  tesla_misconfigured: 'The Tesla app settings are incomplete (TESLA_CLIENT_ID / TESLA_CLIENT_SECRET).',
  tesla_token_error: 'Tesla refused the sign-in. Check the client id, secret and redirect URI.',
  tesla_unavailable: 'Tesla did not answer. Try again in a moment.',
};

/** The outcome of the OAuth round trip (the callback sends the browser back with ?tesla=…). */
export function TeslaConnectResult() {
  const params = useSearchParams();
  const outcome = params.get('tesla');
  if (outcome === 'connected') {
    return (
      <p role="status" className="rounded-md bg-emerald-50 p-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
        Tesla account connected.
      </p>
    );
  }
  if (outcome === 'error') {
    const reason = params.get('reason') ?? '';
    return (
      <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
        {REASONS[reason] ?? `Connecting with Tesla failed (${reason.slice(0, 40) || 'unknown reason'}).`}
      </p>
    );
  }
  return null;
}

export function TeslaTokenForm(props: { buttonClassName: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(form: HTMLFormElement) {
    const refreshToken = String(new FormData(form).get('refreshToken') ?? '');
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const res = await fetch('/api/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!res.ok) {
        setError(await errorMessage(res));
        return;
      }
      const body = (await res.json()) as { region: string | null; missingScopes: string[] };
      form.reset();
      setDone(
        `Stored. Region ${body.region?.toUpperCase() ?? 'unknown'}${body.missingScopes.length > 0 ? `; missing scopes: ${body.missingScopes.join(', ')}` : ''}.`,
      );
      router.refresh();
    } catch {
      setError('The server could not be reached.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="mt-3 space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget);
      }}
    >
      <label className="block text-sm font-medium text-gray-800 dark:text-gray-200">
        Refresh token
        <input
          name="refreshToken"
          type="password"
          required
          minLength={16}
          autoComplete="off"
          spellCheck={false}
          className="mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 font-mono text-base focus:border-blue-600 focus:ring-2 focus:ring-blue-200 focus:outline-none dark:border-gray-700 dark:bg-gray-950 dark:focus:ring-blue-900"
        />
      </label>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-200">
          {done}
        </p>
      ) : null}
      <button type="submit" disabled={busy} className={props.buttonClassName}>
        {busy ? 'Checking with Tesla…' : 'Store token'}
      </button>
    </form>
  );
}

export function TeslaDisconnectButton(props: { className: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className={props.className}
        onClick={async () => {
          if (!window.confirm('Disconnect the Tesla account? The stored tokens are deleted; your statistics stay.')) return;
          const res = await fetch('/api/auth/token', { method: 'DELETE' });
          if (res.ok) router.refresh();
          else setError(await errorMessage(res));
        }}
      >
        Disconnect
      </button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** Confirms the connection with one free call and shows which step fails, if any. `answeredBy`: Tesla, or the demo's simulator. */
export function TeslaCheckButton(props: { className: string; answeredBy: string }) {
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button
        type="button"
        disabled={busy}
        className={props.className}
        onClick={async () => {
          setBusy(true);
          try {
            const res = await fetch('/api/tesla/status?check=true');
            if (!res.ok) {
              setResult(await errorMessage(res));
              return;
            }
            const body = (await res.json()) as { steps: { label: string; state: string; detail: string }[] };
            const failed = body.steps.filter((s) => s.state === 'failed');
            setResult(
              failed.length === 0
                ? `${props.answeredBy} answered: the connection works.`
                : failed.map((s) => `${s.label}: ${s.detail}`).join(' '),
            );
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Checking…' : 'Check connection'}
      </button>
      {result ? (
        <p role="status" className="w-full text-sm text-gray-700 dark:text-gray-300">
          {result}
        </p>
      ) : null}
    </>
  );
}
