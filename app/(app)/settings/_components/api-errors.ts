/** Client-side helpers for the JSON API's error shape ({ error: { code, message, details: [{ path, message }] } }). */
export type FieldErrors = Record<string, string>;
export type ApiResult<T> = { ok: true; data: T } | { ok: false; message: string; fields: FieldErrors };

export async function sendJson<T>(url: string, method: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, message: 'The server could not be reached. Check the connection and try again.', fields: {} };
  }
  if (res.status === 204) return { ok: true, data: undefined as T };
  const json = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: json as T };
  const details = (json?.error?.details ?? []) as { path: string; message: string }[];
  const fields: FieldErrors = {};
  for (const d of details) fields[d.path] ??= d.message;
  return { ok: false, message: json?.error?.message ?? `The server answered ${res.status}.`, fields };
}

/** Zod issues as field errors keyed by their dotted path (same keys as the API's details). */
export function zodFields(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) out[i.path.map(String).join('.')] ??= i.message;
  return out;
}
