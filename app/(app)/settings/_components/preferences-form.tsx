'use client';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { countOf } from '@/lib/format';
import { button, Field, FormError, input, secondary } from './form-ui';
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

/** GET /api/drivers/reassign-preview: what judging the driver rules in `timeZone` would do. */
type ReassignPreview = {
  timeZone: string;
  rulesTimeZone: string;
  changes: number;
  drivers: { id: string; name: string; drives: number; drivesAfter: number }[];
  unassigned: { drives: number; drivesAfter: number };
};

/**
 * Units, currency, time zone, solar rule and API budget (PUT /api/settings; its 422 details shown inline).
 * Driver rules name local times, so a new time zone (or rules still judged in an old one) first asks, with
 * the read-only preview's figures, whether to re-run them or keep every drive's driver; the answer is sent
 * as `reassignDrivers`. No drivers with rules, or no drive that would move: nothing to ask.
 */
export function PreferencesForm(props: {
  value: PreferencesValue;
  ruleTexts: Record<PreferencesValue['solarAttributionRule'], string>;
  /** The zone the driver rules are judged in now. */
  rulesTimeZone: string;
  hasRules: boolean;
}) {
  const [v, setV] = useState({ ...props.value, monthlyBudgetUsd: String(props.value.monthlyBudgetUsd) });
  const [saved, setSaved] = useState(false);
  const [question, setQuestion] = useState<ReassignPreview | null>(null);
  const [asking, setAsking] = useState(false);
  const { submit, busy, message, err } = useJsonForm(Draft, '/api/settings', {
    method: 'PUT',
    onSaved: () => {
      setSaved(true);
      setQuestion(null);
    },
  });
  const rulesElsewhere = props.hasRules && props.rulesTimeZone !== props.value.timeZone;

  /** Asks before saving when the rules would be judged in another zone; saves straight away when no drive would move. */
  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!props.hasRules || v.timeZone === props.value.timeZone || v.timeZone === props.rulesTimeZone) return submit(e, v);
    setAsking(true);
    const res = await fetch(`/api/drivers/reassign-preview?timeZone=${encodeURIComponent(v.timeZone)}`).catch(() => null);
    setAsking(false);
    const preview: ReassignPreview | null = res?.ok ? await res.json() : null;
    // Not known (offline, an error): ask anyway, without figures.
    if (preview?.changes === 0) return submit(e, { ...v, reassignDrivers: true });
    setQuestion(
      preview ?? {
        timeZone: v.timeZone,
        rulesTimeZone: props.rulesTimeZone,
        changes: -1,
        drivers: [],
        unassigned: { drives: 0, drivesAfter: 0 },
      },
    );
  }

  /** Rules kept in an old zone: the same question for the owner's zone, the other settings unchanged. */
  async function askForOwnZone() {
    setAsking(true);
    const res = await fetch(`/api/drivers/reassign-preview?timeZone=${encodeURIComponent(props.value.timeZone)}`).catch(() => null);
    setAsking(false);
    setQuestion(
      res?.ok
        ? await res.json()
        : {
            timeZone: props.value.timeZone,
            rulesTimeZone: props.rulesTimeZone,
            changes: -1,
            drivers: [],
            unassigned: { drives: 0, drivesAfter: 0 },
          },
    );
  }
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    return all.includes(props.value.timeZone) ? all : [props.value.timeZone, ...all];
  }, [props.value.timeZone]);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => {
    setSaved(false);
    setQuestion(null);
    setV((p) => ({ ...p, [k]: value }));
  };

  return (
    <form onSubmit={save} noValidate className="space-y-4" aria-label="Preferences">
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
      {rulesElsewhere && !question ? (
        <p className="text-sm text-gray-700 dark:text-gray-300" data-testid="rules-zone-kept">
          Driver rules are still judged in {props.rulesTimeZone}, not in your time zone.{' '}
          <button
            type="button"
            className="font-medium text-blue-700 underline dark:text-blue-300"
            onClick={askForOwnZone}
            disabled={asking}
          >
            Judge them in {props.value.timeZone}…
          </button>
        </p>
      ) : null}
      {question ? (
        <div
          role="group"
          aria-labelledby="reassign-question-text"
          data-testid="reassign-question"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          <p id="reassign-question-text" className="font-medium">
            {question.changes < 0
              ? `Judging the driver rules in ${question.timeZone} may move drives between drivers (it could not be worked out now).`
              : `Changing the time zone moves ${countOf(question.changes, 'drive')} between drivers: their rules name local times, judged in ${question.rulesTimeZone} until now.`}
          </p>
          {question.changes > 0 ? (
            <ul className="list-inside list-disc">
              {question.drivers
                .filter((d) => d.drives !== d.drivesAfter || d.drives > 0)
                .map((d) => (
                  <li key={d.id}>
                    {d.name} {d.drives} → {d.drivesAfter}
                  </li>
                ))}
              {question.unassigned.drives !== question.unassigned.drivesAfter ? (
                <li>
                  No driver {question.unassigned.drives} → {question.unassigned.drivesAfter}
                </li>
              ) : null}
            </ul>
          ) : null}
          <p>Keeping them leaves every drive with its driver and keeps judging the rules in {question.rulesTimeZone}.</p>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={button} disabled={busy} onClick={(e) => submit(e, { ...v, reassignDrivers: true })}>
              Re-run the driver rules
            </button>
            <button type="button" className={secondary} disabled={busy} onClick={(e) => submit(e, { ...v, reassignDrivers: false })}>
              Keep the current drivers
            </button>
          </div>
        </div>
      ) : null}
      <FormError message={message} />
      <div className="flex items-center gap-3">
        <button type="submit" className={button} disabled={busy || asking || question !== null}>
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
