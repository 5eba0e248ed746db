'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { countOf } from '@/lib/format';
import { button, FormError, muted } from './form-ui';

export type RunView = {
  id: string;
  trigger: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  duration: string;
  requests: number;
  summary: string;
  error: string | null;
  /** What Tesla sent that could not be read (read as null or left out), in words; null when all was read. */
  unreadable: string | null;
};

/**
 * Sync status and history, and "sync now" (POST /api/sync/trigger). While the run is under way the
 * panel polls GET /api/sync/status each second and shows the elapsed time and the run's state.
 */
export function SyncPanel(props: { runs: RunView[]; lastSucceeded: string | null }) {
  const router = useRouter();
  const [running, setRunning] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [phase, setPhase] = useState<string>('');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearInterval(timer.current);
    },
    [],
  );

  async function syncNow() {
    setRunning(true);
    setError(null);
    setResult(null);
    setElapsed(0);
    setPhase('Starting');
    const started = performance.now();
    timer.current = setInterval(async () => {
      setElapsed(Math.round((performance.now() - started) / 1000));
      const res = await fetch('/api/sync/status?limit=1').catch(() => null);
      const json = res?.ok ? await res.json().catch(() => null) : null;
      if (json?.running) setPhase('Fetching from Tesla and deriving drives and charges');
    }, 1000);
    let res: Response | null = null;
    try {
      res = await fetch('/api/sync/trigger', { method: 'POST' });
    } catch {
      res = null;
    }
    if (timer.current) clearInterval(timer.current);
    const json = res ? await res.json().catch(() => null) : null;
    setRunning(false);
    if (!res) setError('The server could not be reached.');
    else if (res.status === 409) setResult('Another sync was already running; its result is in the history below.');
    else if (!res.ok) setError(json?.error?.message ?? `The sync failed (${res.status}).`);
    else
      setResult(
        `Sync ${json?.status ?? 'finished'}: ${countOf(json?.requests ?? 0, 'Tesla request')} in ${Math.max(1, Math.round((performance.now() - started) / 1000))} s.`,
      );
    router.refresh();
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-800 dark:text-gray-200" data-testid="sync-last">
        Last successful sync: {props.lastSucceeded ?? 'none yet'}.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={button} onClick={syncNow} disabled={running}>
          {running ? 'Syncing…' : 'Sync now'}
        </button>
        <span className={muted}>Reads every car that is online (never wakes a sleeping one) and the energy site.</span>
      </div>
      {running ? (
        <div role="status" aria-live="polite" className="space-y-1" data-testid="sync-progress">
          <div
            className="h-2 w-full overflow-hidden rounded bg-gray-200 dark:bg-gray-800"
            role="progressbar"
            aria-label="Sync progress"
            aria-valuetext={countOf(elapsed, 'second')}
          >
            <div className="h-2 w-1/3 animate-pulse rounded bg-blue-600" />
          </div>
          <p className="text-sm text-gray-700 dark:text-gray-300">
            {phase}… {elapsed} s
          </p>
        </div>
      ) : null}
      {result ? (
        <p role="status" className="text-sm text-green-800 dark:text-green-300" data-testid="sync-result">
          {result}
        </p>
      ) : null}
      <FormError message={error} />
      <h3 className="text-sm font-semibold text-gray-900 dark:text-gray-50">History</h3>
      {props.runs.length === 0 ? (
        <p className={muted}>No sync has run yet. Press “Sync now”, or wait for the scheduler.</p>
      ) : (
        <ul className="divide-y divide-gray-200 text-sm dark:divide-gray-800" data-testid="sync-history">
          {props.runs.map((r) => (
            <li key={r.id} className="py-2">
              <p className="text-gray-900 dark:text-gray-50">
                <span className="font-medium">{r.startedAt}</span> · {r.trigger} · <span data-testid="sync-run-status">{r.status}</span> ·{' '}
                {r.duration} · {countOf(r.requests, 'request')}
              </p>
              {r.summary ? <p className="text-gray-700 dark:text-gray-300">{r.summary}</p> : null}
              {r.unreadable ? (
                <p className="text-amber-800 dark:text-amber-300" data-testid="sync-unreadable">
                  {r.unreadable} The rest was used; Tesla&apos;s answers are kept as sent.
                </p>
              ) : null}
              {r.error ? <p className="text-red-700 dark:text-red-400">{r.error}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
