/// <reference lib="webworker" />
/**
 * The service worker (built to public/sw.js by `serwist build`, after `next build`).
 * - Precache: Next's static assets and public/ (the app shell's JS, CSS and icons), plus /offline.
 * - Pages: network first; a successful answer is saved, and offline the last saved copy is served
 *   (the layout then shows the offline banner with the page's render time). Never saved: redirects
 *   (e.g. to /login) and errors. Sign-out deletes these caches.
 * - /api: network only; the JSON API's answers are for live callers and hold tokens' data.
 */
import { defaultCache } from '@serwist/next/worker';
import type { PrecacheEntry, RouteMatchCallback, SerwistGlobalConfig, SerwistPlugin } from 'serwist';
import { ExpirationPlugin, NetworkFirst, NetworkOnly, Serwist } from 'serwist';

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

const isApi: RouteMatchCallback = ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith('/api/');

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

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: true,
  runtimeCaching: [
    { matcher: isApi, handler: new NetworkOnly() },
    {
      matcher: isPage,
      handler: new NetworkFirst({
        cacheName: 'pages',
        plugins: [onlyFinalOkPages, new ExpirationPlugin({ maxEntries: 32, maxAgeSeconds: 30 * 24 * 3600 })],
      }),
    },
    ...defaultCache,
  ],
  fallbacks: {
    entries: [{ url: '/offline', matcher: ({ request }) => request.destination === 'document' }],
  },
});

serwist.addEventListeners();
