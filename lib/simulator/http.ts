/**
 * Response helpers. Bodies are serialised with `toFleetJson`, which writes bigint values as bare
 * JSON integers: that is how Tesla sends 64-bit ids, including ones beyond 2^53.
 */
export function toFleetJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `__bigint__${v.toString()}` : v));
  return text.replace(/"__bigint__(-?\d+)"/g, '$1');
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(toFleetJson(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/** `{ "response": … }` success envelope. */
export function ok(response: unknown, extra: Record<string, unknown> = {}, status = 200): Response {
  return jsonResponse(status, { response, ...extra });
}

/** Fleet error envelope `{"response": null, "error": …, "error_description": …}`. */
export function fleetError(status: number, error: string, description = '', headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { response: null, error, error_description: description }, headers);
}

/** OAuth-style error body (token endpoint): `{"error": …, "error_description": …}`. */
export function oauthError(status: number, error: string, description: string): Response {
  return jsonResponse(status, { error, error_description: description });
}

/** Reads a form-encoded or JSON request body into string fields. */
export async function readParams(req: Request): Promise<Record<string, string>> {
  const text = await req.text();
  if (!text) return {};
  if ((req.headers.get('content-type') ?? '').includes('json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') {
        return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
      }
    } catch {
      return {};
    }
    return {};
  }
  return Object.fromEntries(new URLSearchParams(text));
}
