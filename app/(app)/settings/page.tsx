import type { Metadata } from 'next';
import { requireOwner } from '@/lib/auth/require-owner';
import { EmptyState } from '../_components/empty-state';
import { PageHeader } from '../_components/page-header';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requireOwner();
  return (
    <>
      <PageHeader title="Settings">Tesla connection, tariffs, units, API budget and tokens.</PageHeader>
      <EmptyState title="Nothing to change here yet">
        Nothing here yet: these settings cannot be changed in the app yet. The server reads its configuration from environment
        variables (see the README), and API tokens are managed through the JSON API.
      </EmptyState>
    </>
  );
}
