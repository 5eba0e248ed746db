/// <reference lib="webworker" />
/**
 * The service worker (built to public/sw.js by `serwist build`, after `next build`).
 * - Precache: Next's static assets and public/ (the app shell's JS, CSS and icons), plus /offline.
 * - Pages: network first; a successful answer is saved, and offline the last saved copy is served
 *   (the layout then shows the offline banner with the page's render time) for at most 24 hours
 *   after the server rendered it. Never saved: Settings, redirects (e.g. to /login) and errors.
 * - /api: network only; the JSON API's answers are for live callers and hold tokens' data.
 * - Every saved page and payload is deleted on sign-out, and by the worker itself as soon as an
 *   answer says the session is over (a 401, or a page that ends on /login); a save already under
 *   way then is dropped.
 */
import { defaultCache } from '@serwist/next/worker';
import type { PrecacheEntry, RouteMatchCallback, SerwistGlobalConfig, SerwistPlugin } from 'serwist';
import { ExpirationPlugin, NetworkFirst, NetworkOnly, Serwist } from 'serwist';
import { SAVED_PAGE_MAX_AGE_SECONDS, deleteSavedPages, endsSession, isNeverSavedPath } from './_lib/saved-pages';

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

const isApi: RouteMatchCallback = ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith('/api/');
/** Settings' HTML and its payloads: always from the network. */
const isNeverSaved: RouteMatchCallback = ({ sameOrigin, url }) => sameOrigin && isNeverSavedPath(url.pathname);

/** A page's HTML: same origin, not the API, not Next's assets or RSC payloads, no file extension. */
const isPage: RouteMatchCallback = ({ request, sameOrigin, url }) =>
  sameOrigin &&
  request.method === 'GET' &&
  !url.pathname.startsWith('/api/') &&
  !url.pathname.startsWith('/_next/') &&
  request.headers.get('RSC') !== '1' &&
  !/\.[a-z0-9]+$/i.test(url.pathname);

const onlyFinalOkPages: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 && !response.redirected ? response : null),
};

/** How many times this worker has seen the session end; a page fetched before the last end is not saved after it. */
let sessionEnds = 0;

/** The session is over: nothing of the owner's stays on the device. */
const forgetOnSessionEnd: SerwistPlugin = {
  fetchDidSucceed: async ({ response }) => {
    if (endsSession(response)) {
      sessionEnds += 1;
      await deleteSavedPages(self.caches);
    }
    return response;
  },
};

/**
 * A save that was already on its way when the session ended (e.g. the first visit's second save of
 * the page, asked for when the worker takes over) is dropped, so it cannot put a page back after
 * the pages were deleted. `state` is this plugin's own, per request.
 */
const notAcrossSessionEnd: SerwistPlugin = {
  handlerWillStart: async ({ state }) => {
    if (state) state.sessionEnds = sessionEnds;
  },
  cacheWillUpdate: async ({ response, state }) => (state?.sessionEnds === sessionEnds ? response : null),
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: true,
  runtimeCaching: [
    { matcher: isApi, handler: new NetworkOnly({ plugins: [forgetOnSessionEnd] }) },
    { matcher: isNeverSaved, handler: new NetworkOnly({ plugins: [forgetOnSessionEnd] }) },
    {
      matcher: isPage,
      handler: new NetworkFirst({
        cacheName: 'pages',
        plugins: [
          forgetOnSessionEnd,
          notAcrossSessionEnd,
          onlyFinalOkPages,
          new ExpirationPlugin({ maxEntries: 32, maxAgeSeconds: SAVED_PAGE_MAX_AGE_SECONDS }),
        ],
      }),
    },
    ...defaultCache,
  ],
  fallbacks: {
    entries: [{ url: '/offline', matcher: ({ request }) => request.destination === 'document' }],
  },
});

serwist.addEventListeners();
