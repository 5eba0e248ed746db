'use client';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { DriverRules, type DriverRule } from '@/lib/stats/driver-rules';
import { sendJson, zodFields, type FieldErrors } from '../../settings/_components/api-errors';
import { danger, Field, FormActions, input, secondary } from '../../settings/_components/form-ui';
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

/**
 * Adds or edits a driver: name, priority and assignment rules. The rules are checked with the same
 * zod schema the API uses before sending; the API's 422 details are shown next to their fields.
 */
export function DriverForm(props: { driver?: DriverFormValue; vehicles: Option[]; locations: Option[]; onDone?: () => void }) {
  const router = useRouter();
  const uid = useId();
  const [name, setName] = useState(props.driver?.name ?? '');
  const [priority, setPriority] = useState(String(props.driver?.priority ?? 0));
  const [drafts, setDrafts] = useState<Draft[]>(props.driver?.rules.map(toDraft) ?? []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editing = props.driver !== undefined;

  const update = (i: number, patch: Partial<Draft>) => setDrafts((all) => all.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const rules = drafts.map(fromDraft);
    const local: FieldErrors = {};
    const trimmed = name.trim();
    if (trimmed.length === 0) local.name = 'must not be empty';
    else if (trimmed.length > 100 || /[<>]/.test(trimmed)) local.name = 'must be plain text of at most 100 characters';
    if (!/^\d{1,4}$/.test(priority) || Number(priority) > 1000) local.priority = 'must be a whole number from 0 to 1000';
    const parsed = DriverRules.safeParse(rules);
    if (!parsed.success)
      Object.assign(
        local,
        Object.fromEntries(Object.entries(zodFields(parsed.error.issues)).map(([k, v]) => [`rules.${k}`.replace(/\.$/, ''), v])),
      );
    setErrors(local);
    setMessage(Object.keys(local).length > 0 ? 'Please correct the marked fields.' : null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    const body = { name: trimmed, priority: Number(priority), rules };
    const res = editing ? await sendJson(`/api/drivers/${props.driver!.id}`, 'PUT', body) : await sendJson('/api/drivers', 'POST', body);
    setBusy(false);
    if (!res.ok) {
      setErrors(res.fields);
      setMessage(res.message);
      return;
    }
    if (!editing) {
      setName('');
      setPriority('0');
      setDrafts([]);
    }
    props.onDone?.();
    router.refresh();
  }

  const err = (path: string) => errors[path];
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={editing ? `Edit ${props.driver!.name}` : 'Add a driver'}>
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
            {err(`rules.${i}.days`) ? <p className="text-xs text-red-700 dark:text-red-400">{err(`rules.${i}.days`)}</p> : null}
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
