'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { z } from 'zod';
import { sendJson, zodFields, type FieldErrors } from './api-errors';

/**
 * The forms' plumbing in one place (places, tariffs, drivers, preferences): `schema` checks the
 * draft in the browser and turns it into the request body (its issues shown next to their fields,
 * keyed like the API's 422 details); the body is sent to `url`; the API's errors are shown the same
 * way; on success `onSaved` runs and the page's server components are refreshed.
 */
export function useJsonForm<S extends z.ZodType>(schema: S, url: string, opts: { method?: 'POST' | 'PUT'; onSaved?: () => void } = {}) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent, draft: z.input<S>): Promise<void> {
    e.preventDefault();
    const parsed = schema.safeParse(draft);
    if (!parsed.success) {
      setErrors(zodFields(parsed.error.issues));
      setMessage('Please correct the marked fields.');
      return;
    }
    setBusy(true);
    const res = await sendJson(url, opts.method ?? 'POST', parsed.data);
    setBusy(false);
    if (!res.ok) {
      setErrors(res.fields);
      setMessage(res.message);
      return;
    }
    setErrors({});
    setMessage(null);
    opts.onSaved?.();
    router.refresh();
  }

  return { submit, busy, message, err: (path: string): string | undefined => errors[path] };
}

/** A number typed into a text field: blank is not a number. */
export const typedNumber = (s: string) => (s.trim() === '' ? NaN : Number(s));

/** A text field that must hold a number, parsed to it ('must be a number'). */
export const numberField = () =>
  z
    .string()
    .refine((s) => Number.isFinite(typedNumber(s)), 'must be a number')
    .transform(typedNumber);

/** A required name field: trimmed, not empty. */
export const nameField = () => z.string().trim().min(1, 'must not be empty');
