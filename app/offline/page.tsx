import type { Metadata } from 'next';
import { AppShell } from '@/app/_components/shell/app-shell';
import { SavedPagesList } from './saved-pages-list';

export const dynamic = 'force-static';
export const metadata: Metadata = { title: 'Offline' };

/**
 * Precached by the service worker: shown offline for a page that was never saved on this device
 * (or whose saved copy is older than 24 hours), in the app's shell so the navigation stays, with
 * the pages that can be shown.
 */
export default function OfflinePage() {
  return (
    <AppShell offlinePage>
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight text-gray-900 dark:text-gray-50">You are offline</h1>
        <p className="text-sm text-gray-600 dark:text-gray-400">
          This page has not been saved on this device in the last 24 hours, so it cannot be shown without a connection. Everything is shown
          again as soon as the connection is back.
        </p>
        <SavedPagesList />
      </div>
    </AppShell>
  );
}
