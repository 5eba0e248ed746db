'use client';
import { useEffect, useState } from 'react';
import { SAVED_PAGE_MAX_AGE_SECONDS } from '@/app/_lib/saved-pages';
import { isCurrentSection, NAV_ITEMS } from '@/app/_components/shell/nav-items';

type Saved = { path: string; label: string; savedAt: number };

/** A saved page's name: its section's, with the rest of the path ("Charging · /charging/…"). */
function labelOf(path: string): string {
  const section = NAV_ITEMS.find((n) => isCurrentSection(path, n.href));
  if (!section) return path;
  return path === section.href ? section.label : `${section.label} · ${path.slice(section.href.length + 1)}`;
}

/**
 * What this device can show offline: the pages the service worker saved (its `pages` cache) that are
 * still within the 24 hours they are served for, newest first, as links.
 */
export function SavedPagesList() {
  const [saved, setSaved] = useState<Saved[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    (async () => {
      if (!('caches' in window)) return setSaved([]);
      const cache = await caches.open('pages');
      const out: Saved[] = [];
      // eslint-disable-next-line no-restricted-syntax -- the browser's clock is what the worker compares the saved copies with
      const now = Date.now();
      for (const request of await cache.keys()) {
        const url = new URL(request.url);
        if (url.origin !== location.origin) continue;
        const savedAt = Date.parse((await cache.match(request))?.headers.get('date') ?? '');
        if (!Number.isFinite(savedAt) || now - savedAt > SAVED_PAGE_MAX_AGE_SECONDS * 1000) continue;
        // Only the app's own pages: the login and setup pages hold nothing to show offline.
        if (!NAV_ITEMS.some((n) => isCurrentSection(url.pathname, n.href))) continue;
        const path = url.pathname + url.search;
        out.push({ path, label: labelOf(url.pathname) + url.search, savedAt });
      }
      if (!cancelled) setSaved(out.sort((a, b) => b.savedAt - a.savedAt));
    })().catch(() => !cancelled && setSaved([]));
    return () => {
      cancelled = true;
    };
  }, []);

  if (saved === null) return null;
  if (saved.length === 0) return <p className="text-sm text-gray-600 dark:text-gray-400">No page is saved on this device yet.</p>;
  return (
    <div className="space-y-2">
      <h2 className="text-sm font-semibold text-gray-900 dark:text-gray-50">Saved on this device</h2>
      <ul
        data-testid="saved-pages"
        className="divide-y divide-gray-200 rounded-lg border border-gray-200 dark:divide-gray-800 dark:border-gray-800"
      >
        {saved.map((s) => (
          <li key={s.path}>
            {/* A full navigation: the worker serves the saved copy; the client router would ask the network. */}
            <a
              href={s.path}
              className="block px-4 py-3 text-sm font-medium text-blue-700 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300 dark:hover:bg-gray-900"
            >
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
