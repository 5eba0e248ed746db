'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { DriverRule } from '@/lib/stats/driver-rules';
import { sendJson } from '../../settings/_components/api-errors';
import { card, danger, FormError, secondary } from '../../settings/_components/form-ui';
import { DriverForm } from './driver-form';

type Option = { id: string; label: string };

/** One driver: figures (formatted on the server) and rules in words, with edit and delete. */
export function DriverCard(props: {
  driver: { id: string; name: string; priority: number; rules: DriverRule[] };
  ruleTexts: string[];
  figures: { label: string; value: string; testId: string }[];
  vehicles: Option[];
  locations: Option[];
}) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { driver } = props;

  async function remove() {
    if (!window.confirm(`Delete ${driver.name}? Their drives go back to the rules.`)) return;
    const res = await sendJson(`/api/drivers/${driver.id}`, 'DELETE');
    if (!res.ok) setError(res.message);
    else router.refresh();
  }

  return (
    <article className={card} aria-labelledby={`driver-${driver.id}`} data-testid="driver-card">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`driver-${driver.id}`} className="text-base font-semibold text-gray-900 dark:text-gray-50">
          {driver.name}
        </h3>
        <span className="text-xs text-gray-600 dark:text-gray-400">Priority {driver.priority}</span>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {props.figures.map((f) => (
          <div key={f.label}>
            <dt className="text-xs text-gray-600 dark:text-gray-400">{f.label}</dt>
            <dd className="text-lg font-semibold text-gray-900 tabular-nums dark:text-gray-50" data-testid={f.testId}>
              {f.value}
            </dd>
          </div>
        ))}
      </dl>
      <div className="mt-3">
        <h4 className="text-xs font-medium text-gray-700 dark:text-gray-300">Rules</h4>
        {props.ruleTexts.length === 0 ? (
          <p className="text-sm text-gray-600 dark:text-gray-400">None: assigned by hand only.</p>
        ) : (
          <ul className="list-inside list-disc text-sm text-gray-800 dark:text-gray-200">
            {props.ruleTexts.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        )}
      </div>
      <FormError message={error} />
      {editing ? (
        <div className="mt-4 border-t border-gray-200 pt-4 dark:border-gray-800">
          <DriverForm driver={driver} vehicles={props.vehicles} locations={props.locations} onDone={() => setEditing(false)} />
        </div>
      ) : (
        <div className="mt-3 flex gap-2">
          <button type="button" className={secondary} onClick={() => setEditing(true)} aria-label={`Edit ${driver.name}`}>
            Edit
          </button>
          <button type="button" className={danger} onClick={remove} aria-label={`Delete ${driver.name}`}>
            Delete
          </button>
        </div>
      )}
    </article>
  );
}
