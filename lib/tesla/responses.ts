import { FleetErrorBodySchema, OAuthErrorSchema, parseFleetJson } from '@/lib/fleet-api';

/**
 * Reading Tesla's answers: bodies parsed with big ids kept as strings, the short `error` string
 * (never the whole body, which could echo request data), Retry-After, and backoff delays.
 */
export function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    const body = parseFleetJson(text);
    return /\\u0000|\\ud[89a-f]/i.test(text) ? storable(body) : body;
  } catch {
    return undefined;
  }
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what Postgres cannot store
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The body with what Postgres cannot hold in text or jsonb (NUL, unpaired UTF-16 surrogates)
 * replaced by U+FFFD in every string and key, so Tesla's answer can always be cached and kept.
 */
function storable(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(UNSTORABLE, '\uFFFD');
  if (Array.isArray(v)) return v.map(storable);
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [storable(k) as string, storable(x)]));
  return v;
}

/** Tesla's short error string of a Fleet or OAuth error body, '' when there is none. */
export function errorTextOf(body: unknown): string {
  const fleet = FleetErrorBodySchema.safeParse(body);
  if (fleet.success) return fleet.data.error.slice(0, 300);
  const oauth = OAuthErrorSchema.safeParse(body);
  return oauth.success ? oauth.data.error.slice(0, 300) : '';
}

/** Tesla's default when a 429 carries no Retry-After (TeslaMate uses the same). */
export const DEFAULT_RETRY_AFTER_MS = 300_000;

/** Retry-After in ms: the header (seconds or HTTP date), else `Retry in N seconds` in the body, else 5 min. */
export function retryAfterMs(headers: Headers, errorText: string, now: number): number {
  const header = headers.get('retry-after')?.trim();
  if (header) {
    if (/^\d+(\.\d+)?$/.test(header)) return Math.max(1000, Math.ceil(Number(header) * 1000));
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(1000, date - now);
  }
  const inBody = /retry in (\d+) seconds?/i.exec(errorText)?.[1];
  if (inBody) return Math.max(1000, Number(inBody) * 1000);
  return DEFAULT_RETRY_AFTER_MS;
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(n-1))], at least 1 ms. */
export function backoffMs(failures: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.max(1, Math.round(ceiling * random()));
}

/** Field paths of a failed schema parse, for an error message that names fields but never values. */
export function issuePaths(issues: { path: PropertyKey[] }[]): string {
  const paths = [...new Set(issues.map((i) => i.path.map(String).join('.') || '(root)'))];
  return paths.slice(0, 8).join(', ');
}
