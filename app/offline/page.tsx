import type { Metadata } from 'next';
import { AuthCard } from '../auth-card';

export const dynamic = 'force-static';
export const metadata: Metadata = { title: 'Offline' };

/** Precached by the service worker: shown offline for a page that was never saved on this device. */
export default function OfflinePage() {
  return (
    <AuthCard title="You are offline" intro="This page has not been saved on this device yet, so it cannot be shown without a connection.">
      <p className="text-sm text-gray-600 dark:text-gray-400">
        Pages you have opened before are still available. Everything is shown again as soon as the connection is back.
      </p>
    </AuthCard>
  );
}
