'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { sendJson } from './api-errors';
import { CopyButton } from './copy-button';
import { button, danger, Field, FormError, input, muted } from './form-ui';

type Scope = 'read' | 'sync' | 'admin';
type TokenInfo = { id: string; name: string; prefix: string; scopes: Scope[]; createdAt: string; lastUsed: string };

const SCOPES: { scope: Scope; label: string }[] = [
  { scope: 'read', label: 'read: every GET and the CSV exports' },
  { scope: 'sync', label: 'sync: sync now, wake a car' },
  { scope: 'admin', label: 'admin: settings, tokens, Tesla connection' },
];

/** API tokens for scripts: create with scopes (the token is shown once), list with scopes and last use, revoke. */
export function TokensPanel(props: { tokens: TokenInfo[] }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const tokenRef = useRef<HTMLElement>(null);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setError('Give the token a name.');
      return;
    }
    if (scopes.length === 0) {
      setMessage('Give the token at least one scope.');
      return;
    }
    setBusy(true);
    const res = await sendJson<{ token: string; name: string }>('/api/tokens', 'POST', { name: name.trim(), scopes });
    setBusy(false);
    if (!res.ok) {
      setError(res.fields.name);
      setMessage(res.message);
      return;
    }
    setError(undefined);
    setMessage(null);
    setCreated({ name: res.data.name, token: res.data.token });
    setName('');
    setScopes(['read']);
    router.refresh();
  }

  async function revoke(t: TokenInfo) {
    if (!window.confirm(`Revoke ${t.name}? Scripts using it stop working.`)) return;
    const res = await sendJson(`/api/tokens/${t.id}`, 'DELETE');
    if (!res.ok) setMessage(res.message);
    else router.refresh();
  }

  return (
    <div className="space-y-3">
      {created ? (
        <div
          role="status"
          className="space-y-1 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          <p>Token “{created.name}” created. Copy it now: it is not shown again.</p>
          <code
            ref={tokenRef}
            className="block rounded bg-white px-2 py-1 font-mono text-xs break-all text-gray-900 dark:bg-gray-900 dark:text-gray-100"
            data-testid="new-token"
          >
            {created.token}
          </code>
          <CopyButton key={created.token} target={tokenRef} label="Copy the token" />
        </div>
      ) : null}
      {props.tokens.length === 0 ? (
        <p className={muted}>
          No API tokens. Create one for a script or another app; it authenticates with the header{' '}
          <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>.
        </p>
      ) : (
        <ul className="divide-y divide-gray-200 dark:divide-gray-800">
          {props.tokens.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="token-row">
              <div className="min-w-0 text-sm">
                <p className="font-medium text-gray-900 dark:text-gray-50">{t.name}</p>
                <p className="text-gray-700 dark:text-gray-300">
                  <code className="font-mono">{t.prefix}…</code> · created {t.createdAt} · last used {t.lastUsed}
                </p>
                <p className="text-gray-700 dark:text-gray-300" data-testid="token-scopes">
                  Scopes: {t.scopes.join(', ')}
                </p>
              </div>
              <button type="button" className={danger} onClick={() => revoke(t)} aria-label={`Revoke ${t.name}`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={create} noValidate className="flex flex-wrap items-end gap-2" aria-label="Create an API token">
        <Field id="token-name" label="New token name" error={error} className="min-w-0 flex-1 space-y-1">
          <input
            id="token-name"
            className={input}
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={Boolean(error)}
          />
        </Field>
        <fieldset className="w-full space-y-1 text-sm">
          <legend className="font-medium text-gray-800 dark:text-gray-200">Scopes</legend>
          {SCOPES.map(({ scope, label }) => (
            <label key={scope} className="flex items-center gap-2 text-gray-700 dark:text-gray-300">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => setScopes((now) => (e.target.checked ? [...now, scope] : now.filter((s) => s !== scope)))}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <button type="submit" className={button} disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </form>
      <FormError message={message} />
    </div>
  );
}
