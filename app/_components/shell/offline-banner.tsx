'use client';
import { usePathname } from 'next/navigation';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { formatDateTime } from '@/lib/format';

function subscribe(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/**
 * Says so when the browser is offline and the page on screen comes from the service worker's
 * cache. The time is when the server rendered that page: PageHeader's `data-rendered-at`.
 * The live region is always present so screen readers announce the change. The time is shown in
 * the owner's zone and format, like every other time in the app (the browser's own zone when the
 * page does not know the owner's).
 */
export function OfflineBanner(props: { timeZone?: string }) {
  const online = useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
  const pathname = usePathname();
  const [renderedAt, setRenderedAt] = useState<string>();
  useEffect(() => {
    if (online) return;
    setRenderedAt(document.querySelector<HTMLElement>('main [data-rendered-at]')?.dataset.renderedAt);
  }, [online, pathname]);

  return (
    <div role="status" className="sticky top-14 z-20 empty:hidden lg:top-0">
      {online ? null : (
        <p
          data-testid="offline-banner"
          className="border-b border-amber-300 bg-amber-100 px-4 py-2 text-sm font-medium text-amber-950 sm:px-6 lg:px-8 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          Offline — showing data from{' '}
          {renderedAt ? (
            <time dateTime={renderedAt}>
              {formatDateTime(renderedAt, props.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone)}
            </time>
          ) : (
            'an earlier visit'
          )}
        </p>
      )}
    </div>
  );
}
