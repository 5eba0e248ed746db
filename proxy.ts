import { NextResponse, type NextRequest } from 'next/server';
import { RETURN_PATH_HEADER } from '@/lib/auth/return-path';

/**
 * Tells the pages which path and query were asked for (a layout or page cannot read its own URL),
 * so requireOwner can send a signed-out visitor to /login?next=… and back afterwards. A header of
 * that name sent by the browser is overwritten, never trusted.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  const url = request.nextUrl.clone();
  url.searchParams.delete('_rsc'); // Next's cache-buster on client navigations, not part of the page's address
  headers.set(RETURN_PATH_HEADER, url.pathname + url.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the API, Next's assets, the service worker or files with an extension.
  matcher: ['/((?!api/|_next/|sw\\.js|.*\\.[a-z0-9]+$).*)'],
};
