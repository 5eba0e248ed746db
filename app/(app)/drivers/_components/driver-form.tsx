'use client';
import { useId, useState } from 'react';
import { z } from 'zod';
import { DriverRules, type DriverRule } from '@/lib/stats/driver-rules';
import { danger, Field, FieldError, FormActions, input, secondary } from '../../settings/_components/form-ui';
import { useJsonForm } from '../../settings/_components/use-json-form';
import { DAY_NAMES } from './rule-text';

type Option = { id: string; label: string };
type Draft = { vehicleId: string; days: number[]; from: string; to: string; startLocationId: string };
export type DriverFormValue = { id: string; name: string; priority: number; rules: DriverRule[] };

const toDraft = (r: DriverRule): Draft => ({
  vehicleId: r.vehicleId ?? '',
  days: r.days ?? [],
  from: r.from ?? '',
  to: r.to ?? '',
  startLocationId: r.startLocationId ?? '',
});
const fromDraft = (d: Draft): Record<string, unknown> => ({
  ...(d.vehicleId ? { vehicleId: d.vehicleId } : {}),
  ...(d.days.length > 0 ? { days: [...d.days].sort((a, b) => a - b) } : {}),
  ...(d.from ? { from: d.from } : {}),
  ...(d.to ? { to: d.to } : {}),
  ...(d.startLocationId ? { startLocationId: d.startLocationId } : {}),
});

const plainName = 'must be plain text of at most 100 characters';
const priorityRange = 'must be a whole number from 0 to 1000';
/** The draft → the body of POST/PUT /api/drivers; the rules are checked with the API's own schema. */
const Draft = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100, plainName)
      .refine((s) => !/[<>]/.test(s), plainName),
    priority: z
      .string()
      .regex(/^\d{1,4}$/, priorityRange)
      .refine((s) => Number(s) <= 1000, priorityRange)
      .transform(Number),
    rules: DriverRules,
  })
  .strict();

/**
 * Adds or edits a driver: name, priority and assignment rules. The rules are checked with the same
 * zod schema the API uses before sending; the API's 422 details are shown next to their fields.
 */
export function DriverForm(props: { driver?: DriverFormValue; vehicles: Option[]; locations: Option[]; onDone?: () => void }) {
  const uid = useId();
  const [name, setName] = useState(props.driver?.name ?? '');
  const [priority, setPriority] = useState(String(props.driver?.priority ?? 0));
  const [drafts, setDrafts] = useState<Draft[]>(props.driver?.rules.map(toDraft) ?? []);
  const editing = props.driver !== undefined;

  const update = (i: number, patch: Partial<Draft>) => setDrafts((all) => all.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  const { submit, busy, message, err } = useJsonForm(Draft, editing ? `/api/drivers/${props.driver!.id}` : '/api/drivers', {
    method: editing ? 'PUT' : 'POST',
    onSaved: () => {
      if (!editing) {
        setName('');
        setPriority('0');
        setDrafts([]);
      }
      props.onDone?.();
    },
  });

  return (
    <form
      onSubmit={(e) => submit(e, { name, priority, rules: drafts.map(fromDraft) })}
      noValidate
      className="space-y-3"
      aria-label={editing ? `Edit ${props.driver!.name}` : 'Add a driver'}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_8rem]">
        <Field id={`${uid}-name`} label="Name" error={err('name')}>
          <input
            id={`${uid}-name`}
            className={input}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={Boolean(err('name'))}
            aria-describedby={err('name') ? `${uid}-name-error` : undefined}
          />
        </Field>
        <Field id={`${uid}-priority`} label="Priority (lower wins)" error={err('priority')}>
          <input
            id={`${uid}-priority`}
            className={input}
            inputMode="numeric"
            value={priority}
            onChange={(e) => setPriority(e.target.value)}
            aria-invalid={Boolean(err('priority'))}
          />
        </Field>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-xs font-medium text-gray-700 dark:text-gray-300">
          Assignment rules (a drive is theirs when every part of one rule matches its start)
        </legend>
        {drafts.length === 0 ? (
          <p className="text-xs text-gray-600 dark:text-gray-400">No rules: drives are assigned to this driver by hand only.</p>
        ) : null}
        {drafts.map((d, i) => (
          <div key={i} className="space-y-2 rounded-lg border border-gray-200 p-3 dark:border-gray-800" data-testid="rule-editor">
            <div className="flex flex-wrap gap-x-3 gap-y-1" role="group" aria-label={`Rule ${i + 1} days`}>
              {DAY_NAMES.map((day, n) => (
                <label key={day} className="inline-flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    checked={d.days.includes(n)}
                    onChange={(e) => update(i, { days: e.target.checked ? [...d.days, n] : d.days.filter((x) => x !== n) })}
                  />
                  {day}
                </label>
              ))}
            </div>
            <FieldError message={err(`rules.${i}.days`)} />
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
              <Field id={`${uid}-r${i}-from`} label="From" error={err(`rules.${i}.from`)}>
                <input
                  id={`${uid}-r${i}-from`}
                  type="time"
                  className={input}
                  value={d.from}
                  onChange={(e) => update(i, { from: e.target.value })}
                />
              </Field>
              <Field id={`${uid}-r${i}-to`} label="To" error={err(`rules.${i}.to`) ?? err(`rules.${i}`)}>
                <input
                  id={`${uid}-r${i}-to`}
                  type="time"
                  className={input}
                  value={d.to}
                  onChange={(e) => update(i, { to: e.target.value })}
                />
              </Field>
              <Field id={`${uid}-r${i}-car`} label="Car">
                <select
                  id={`${uid}-r${i}-car`}
                  className={input}
                  value={d.vehicleId}
                  onChange={(e) => update(i, { vehicleId: e.target.value })}
                >
                  <option value="">Any car</option>
                  {props.vehicles.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.label}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id={`${uid}-r${i}-place`} label="Starting at">
                <select
                  id={`${uid}-r${i}-place`}
                  className={input}
                  value={d.startLocationId}
                  onChange={(e) => update(i, { startLocationId: e.target.value })}
                >
                  <option value="">Anywhere</option>
                  {props.locations.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.label}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <button type="button" className={danger} onClick={() => setDrafts((all) => all.filter((_, j) => j !== i))}>
              Remove rule {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className={secondary}
          onClick={() =>
            setDrafts((all) => [...all, { vehicleId: '', days: [1, 2, 3, 4, 5], from: '07:00', to: '09:00', startLocationId: '' }])
          }
        >
          Add a rule
        </button>
      </fieldset>
      <FormActions busy={busy} submitLabel={editing ? 'Save driver' : 'Add driver'} message={message} onCancel={props.onDone} />
    </form>
  );
}
