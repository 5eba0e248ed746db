/**
 * The service worker's saved pages hold the owner's data: these rules are shared by the worker
 * (app/sw.ts) and the pages (sign-out, the login page).
 */

/** Saved pages are served offline for at most this long after the server rendered them. */
export const SAVED_PAGE_MAX_AGE_SECONDS = 24 * 3600;

/** Pages never saved on the device: Settings (tokens, the Tesla connection, the sign-in controls). */
export const isNeverSavedPath = (pathname: string) => pathname === '/settings' || pathname.startsWith('/settings/');

/** Deletes the runtime caches (saved pages and payloads); the precache holds only static assets and stays. */
export async function deleteSavedPages(storage: CacheStorage): Promise<void> {
  const names = await storage.keys();
  await Promise.all(names.filter((n) => !n.includes('precache')).map((n) => storage.delete(n)));
}

/** True for an answer that says the session is over: a 401, or a page that ended on the login page. */
export function endsSession(response: Pick<Response, 'status' | 'redirected' | 'url'>): boolean {
  if (response.status === 401) return true;
  if (!response.redirected || !response.url) return false;
  return new URL(response.url).pathname === '/login';
}
