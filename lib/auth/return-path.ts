/**
 * Where signing in returns to: a path of this app that was asked for before the login. Anything
 * that could leave the site (`//host`, `/\host`, a scheme, control characters) or lead back to the
 * sign-in or setup pages is replaced by the dashboard. Strict: it comes from a URL a stranger can craft.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2_000) return '/';
  if (!/^\/(?![/\\])[^\s\\]*$/.test(value)) return '/';
  const path = value.split(/[?#]/, 1)[0]!;
  if (/^\/(login|setup|offline|api)(\/|$)/.test(path)) return '/';
  return value;
}

/** The request header the proxy (proxy.ts) puts the asked-for path and query in, for requireOwner. */
export const RETURN_PATH_HEADER = 'x-tessie-path';

/** The login URL that returns to `path` afterwards (the dashboard needs no `next`). */
export function loginUrl(path: string | null | undefined): string {
  const next = safeReturnPath(path);
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
