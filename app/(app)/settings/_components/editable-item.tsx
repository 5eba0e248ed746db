'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { sendJson } from './api-errors';
import { danger, FormError, secondary } from './form-ui';
import { LocationForm, type CarPosition, type LocationValue } from './location-form';
import { TariffForm, type TariffValue } from './tariff-form';

type Props = { title: string; lines: string[]; testId: string } & (
  | { kind: 'tariff'; tariff: TariffValue; defaultCurrency: string }
  | { kind: 'location'; location: LocationValue; tariffs: { id: string; name: string }[]; cars: CarPosition[] }
);

/** A tariff or place in the list: its summary (formatted on the server), edit in place, delete. */
export function EditableItem(props: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = props.kind === 'tariff' ? props.tariff.id : props.location.id;
  const url = props.kind === 'tariff' ? `/api/tariffs/${id}` : `/api/locations/${id}`;

  async function remove() {
    if (!window.confirm(`Delete ${props.title}?`)) return;
    const res = await sendJson(url, 'DELETE');
    if (!res.ok) setError(res.message);
    else router.refresh();
  }

  return (
    <li className="py-3" data-testid={props.testId}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium text-gray-900 dark:text-gray-50">{props.title}</p>
          {props.lines.map((line, i) => (
            <p key={i} className="text-sm text-gray-700 dark:text-gray-300" data-testid={`${props.testId}-line`}>
              {line}
            </p>
          ))}
        </div>
        {editing ? null : (
          <div className="flex gap-2">
            <button type="button" className={secondary} onClick={() => setEditing(true)} aria-label={`Edit ${props.title}`}>
              Edit
            </button>
            <button type="button" className={danger} onClick={remove} aria-label={`Delete ${props.title}`}>
              Delete
            </button>
          </div>
        )}
      </div>
      <FormError message={error} />
      {editing ? (
        <div className="mt-3">
          {props.kind === 'tariff' ? (
            <TariffForm tariff={props.tariff} defaultCurrency={props.defaultCurrency} onDone={() => setEditing(false)} />
          ) : (
            <LocationForm location={props.location} tariffs={props.tariffs} cars={props.cars} onDone={() => setEditing(false)} />
          )}
        </div>
      ) : null}
    </li>
  );
}
