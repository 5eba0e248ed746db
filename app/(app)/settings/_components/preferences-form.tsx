'use client';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { button, Field, FormError, input } from './form-ui';
import { useJsonForm } from './use-json-form';

export type PreferencesValue = {
  distanceUnit: 'km' | 'mi';
  temperatureUnit: 'C' | 'F';
  currency: string;
  timeZone: string;
  solarAttributionRule: 'house_first' | 'car_first' | 'proportional';
  monthlyBudgetUsd: number;
};

/** The draft → the body of PUT /api/settings (the other fields are sent as chosen). */
const Draft = z.looseObject({
  currency: z.string().transform((s) => s.trim().toUpperCase()),
  monthlyBudgetUsd: z
    .string()
    .refine((s) => s.trim() !== '' && Number.isFinite(Number(s)), 'must be a number of US dollars from 0 to 10000')
    .transform(Number),
});

/** Units, currency, time zone, solar rule and API budget (PUT /api/settings; its 422 details shown inline). */
export function PreferencesForm(props: { value: PreferencesValue; ruleTexts: Record<PreferencesValue['solarAttributionRule'], string> }) {
  const [v, setV] = useState({ ...props.value, monthlyBudgetUsd: String(props.value.monthlyBudgetUsd) });
  const [saved, setSaved] = useState(false);
  const { submit, busy, message, err } = useJsonForm(Draft, '/api/settings', { method: 'PUT', onSaved: () => setSaved(true) });
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    return all.includes(props.value.timeZone) ? all : [props.value.timeZone, ...all];
  }, [props.value.timeZone]);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => {
    setSaved(false);
    setV((p) => ({ ...p, [k]: value }));
  };

  return (
    <form onSubmit={(e) => submit(e, v)} noValidate className="space-y-4" aria-label="Preferences">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field id="pref-distance" label="Distance unit" error={err('distanceUnit')}>
          <select
            id="pref-distance"
            className={input}
            value={v.distanceUnit}
            onChange={(e) => set('distanceUnit', e.target.value as 'km' | 'mi')}
          >
            <option value="km">Kilometres (km)</option>
            <option value="mi">Miles (mi)</option>
          </select>
        </Field>
        <Field id="pref-temperature" label="Temperature unit" error={err('temperatureUnit')}>
          <select
            id="pref-temperature"
            className={input}
            value={v.temperatureUnit}
            onChange={(e) => set('temperatureUnit', e.target.value as 'C' | 'F')}
          >
            <option value="C">Celsius (°C)</option>
            <option value="F">Fahrenheit (°F)</option>
          </select>
        </Field>
        <Field id="pref-currency" label="Currency (ISO code, e.g. EUR)" error={err('currency')}>
          <input
            id="pref-currency"
            className={input}
            value={v.currency}
            maxLength={3}
            onChange={(e) => set('currency', e.target.value)}
            aria-invalid={Boolean(err('currency'))}
          />
        </Field>
        <Field id="pref-zone" label="Time zone" error={err('timeZone')}>
          <select id="pref-zone" className={input} value={v.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </Field>
        <Field id="pref-budget" label="Monthly Tesla API budget (USD)" error={err('monthlyBudgetUsd')}>
          <input
            id="pref-budget"
            className={input}
            inputMode="decimal"
            value={v.monthlyBudgetUsd}
            onChange={(e) => set('monthlyBudgetUsd', e.target.value)}
            aria-invalid={Boolean(err('monthlyBudgetUsd'))}
          />
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-xs font-medium text-gray-700 dark:text-gray-300">
          Solar attribution rule (how a home charge is split into solar, Powerwall and grid)
        </legend>
        {(['proportional', 'house_first', 'car_first'] as const).map((rule) => (
          <label key={rule} className="flex items-start gap-2 rounded-md border border-gray-200 p-2 text-sm dark:border-gray-800">
            <input
              type="radio"
              name="solar-rule"
              className="mt-1"
              value={rule}
              checked={v.solarAttributionRule === rule}
              onChange={() => set('solarAttributionRule', rule)}
            />
            <span>
              <span className="font-medium text-gray-900 dark:text-gray-50">
                {rule === 'proportional' ? 'Proportional' : rule === 'house_first' ? 'House first' : 'Car first'}
              </span>
              <span className="block text-gray-700 dark:text-gray-300">{props.ruleTexts[rule]}</span>
            </span>
          </label>
        ))}
        <p className="text-xs text-gray-600 dark:text-gray-400">
          The rule applies to home charges priced from now on; charges already split keep the rule they were split with (shown with each
          charge).
        </p>
      </fieldset>
      <FormError message={message} />
      <div className="flex items-center gap-3">
        <button type="submit" className={button} disabled={busy}>
          {busy ? 'Saving…' : 'Save preferences'}
        </button>
        {saved ? (
          <p role="status" className="text-sm text-green-800 dark:text-green-300">
            Saved.
          </p>
        ) : null}
      </div>
    </form>
  );
}
