'use client';
import { useId, useState } from 'react';
import { z } from 'zod';
import { danger, Field, FieldError, FormActions, input, secondary } from './form-ui';
import { nameField, numberField, typedNumber, useJsonForm } from './use-json-form';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export type TariffValue = {
  id: string;
  name: string;
  kind: 'flat' | 'time_of_use';
  currency: string;
  pricePerKwh: number;
  sessionFee: number;
  feedInPricePerKwh: number | null;
  periods: { days: number[]; from: string; to: string; pricePerKwh: number }[];
};
type PeriodDraft = { days: number[]; from: string; to: string; pricePerKwh: string };

/** The draft (text fields as typed) → the body of POST/PUT /api/tariffs. */
const Draft = z
  .object({
    name: nameField(),
    kind: z.enum(['flat', 'time_of_use']),
    currency: z.string().transform((s) => s.trim().toUpperCase()),
    pricePerKwh: numberField(),
    sessionFee: numberField(),
    feedInPricePerKwh: z
      .string()
      .refine((s) => s.trim() === '' || Number.isFinite(typedNumber(s)), 'must be a number or empty')
      .transform((s) => (s.trim() === '' ? null : typedNumber(s))),
    periods: z.array(
      z.object({ days: z.array(z.number()), from: z.string(), to: z.string(), pricePerKwh: numberField() }).transform((p) => ({
        days: [...p.days].sort(),
        from: p.from,
        to: p.to,
        pricePerKwh: p.pricePerKwh,
        crossesMidnight: p.to !== '24:00' && p.to <= p.from,
      })),
    ),
  })
  .strict()
  .transform((t) => ({ ...t, periods: t.kind === 'flat' ? [] : t.periods }));

/** Adds or edits a tariff, time-of-use periods included (POST /api/tariffs, PUT /api/tariffs/:id). */
export function TariffForm(props: { tariff?: TariffValue; defaultCurrency: string; onDone?: () => void }) {
  const uid = useId();
  const t = props.tariff;
  const [name, setName] = useState(t?.name ?? '');
  const [kind, setKind] = useState<'flat' | 'time_of_use'>(t?.kind ?? 'flat');
  const [currency, setCurrency] = useState(t?.currency ?? props.defaultCurrency);
  const [price, setPrice] = useState(t ? String(t.pricePerKwh) : '');
  const [fee, setFee] = useState(t ? String(t.sessionFee) : '0');
  const [feedIn, setFeedIn] = useState(t?.feedInPricePerKwh == null ? '' : String(t.feedInPricePerKwh));
  const [periods, setPeriods] = useState<PeriodDraft[]>(t?.periods.map((p) => ({ ...p, pricePerKwh: String(p.pricePerKwh) })) ?? []);
  const upd = (i: number, patch: Partial<PeriodDraft>) => setPeriods((all) => all.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  const { submit, busy, message, err } = useJsonForm(Draft, t ? `/api/tariffs/${t.id}` : '/api/tariffs', {
    method: t ? 'PUT' : 'POST',
    onSaved: () => {
      if (!t) {
        setName('');
        setPrice('');
        setPeriods([]);
      }
      props.onDone?.();
    },
  });
  const draft = () => ({ name, kind, currency, pricePerKwh: price, sessionFee: fee, feedInPricePerKwh: feedIn, periods });

  return (
    <form onSubmit={(e) => submit(e, draft())} noValidate className="space-y-3" aria-label={t ? `Edit tariff ${t.name}` : 'Add a tariff'}>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field id={`${uid}-name`} label="Name" error={err('name')}>
          <input id={`${uid}-name`} className={input} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id={`${uid}-kind`} label="Kind" error={err('kind')}>
          <select id={`${uid}-kind`} className={input} value={kind} onChange={(e) => setKind(e.target.value as 'flat' | 'time_of_use')}>
            <option value="flat">Flat price</option>
            <option value="time_of_use">Time of use</option>
          </select>
        </Field>
        <Field id={`${uid}-currency`} label="Currency" error={err('currency')}>
          <input id={`${uid}-currency`} className={input} maxLength={3} value={currency} onChange={(e) => setCurrency(e.target.value)} />
        </Field>
        <Field
          id={`${uid}-price`}
          label={kind === 'flat' ? 'Price per kWh' : 'Price per kWh outside the periods'}
          error={err('pricePerKwh')}
        >
          <input id={`${uid}-price`} className={input} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />
        </Field>
        <Field id={`${uid}-fee`} label="Fee per session" error={err('sessionFee')}>
          <input id={`${uid}-fee`} className={input} inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} />
        </Field>
        <Field id={`${uid}-feedin`} label="Feed-in price per kWh (optional)" error={err('feedInPricePerKwh')}>
          <input id={`${uid}-feedin`} className={input} inputMode="decimal" value={feedIn} onChange={(e) => setFeedIn(e.target.value)} />
        </Field>
      </div>
      {kind === 'time_of_use' ? (
        <fieldset className="space-y-2">
          <legend className="text-xs font-medium text-gray-700 dark:text-gray-300">
            Time-of-use periods (local time; a period past midnight belongs to the day it starts)
          </legend>
          <FieldError message={err('periods')} />
          {periods.map((p, i) => (
            <div key={i} className="space-y-2 rounded-lg border border-gray-200 p-3 dark:border-gray-800">
              <div className="flex flex-wrap gap-x-3 gap-y-1" role="group" aria-label={`Period ${i + 1} days`}>
                {DAYS.map((d, n) => (
                  <label key={d} className="inline-flex items-center gap-1 text-sm">
                    <input
                      type="checkbox"
                      checked={p.days.includes(n)}
                      onChange={(e) => upd(i, { days: e.target.checked ? [...p.days, n] : p.days.filter((x) => x !== n) })}
                    />
                    {d}
                  </label>
                ))}
              </div>
              <FieldError message={err(`periods.${i}.days`) || err(`periods.${i}`)} />
              <div className="grid grid-cols-3 gap-2">
                <Field id={`${uid}-p${i}-from`} label="From" error={err(`periods.${i}.from`)}>
                  <input
                    id={`${uid}-p${i}-from`}
                    type="time"
                    className={input}
                    value={p.from}
                    onChange={(e) => upd(i, { from: e.target.value })}
                  />
                </Field>
                <Field id={`${uid}-p${i}-to`} label="To" error={err(`periods.${i}.to`)}>
                  <input
                    id={`${uid}-p${i}-to`}
                    type="time"
                    className={input}
                    value={p.to}
                    onChange={(e) => upd(i, { to: e.target.value })}
                  />
                </Field>
                <Field id={`${uid}-p${i}-price`} label="Price/kWh" error={err(`periods.${i}.pricePerKwh`)}>
                  <input
                    id={`${uid}-p${i}-price`}
                    className={input}
                    inputMode="decimal"
                    value={p.pricePerKwh}
                    onChange={(e) => upd(i, { pricePerKwh: e.target.value })}
                  />
                </Field>
              </div>
              <button type="button" className={danger} onClick={() => setPeriods((all) => all.filter((_, j) => j !== i))}>
                Remove period {i + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            className={secondary}
            onClick={() => setPeriods((all) => [...all, { days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '06:00', pricePerKwh: '' }])}
          >
            Add a period
          </button>
        </fieldset>
      ) : null}
      <FormActions busy={busy} submitLabel={t ? 'Save tariff' : 'Add tariff'} message={message} onCancel={props.onDone} />
    </form>
  );
}
