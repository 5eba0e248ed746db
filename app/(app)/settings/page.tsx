import type { Metadata } from 'next';
import { Link } from '@/app/_components/intent-link';
import { requireOwner } from '@/lib/auth/require-owner';
import { SETTINGS_SECTIONS, settingsHref } from './_components/sections';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Settings' };

/** The section list: each part of Settings is a page of its own. */
export default async function SettingsPage() {
  await requireOwner();
  return (
    <nav aria-label="Settings sections">
      <ul className="divide-y divide-gray-200 rounded-xl border border-gray-200 bg-white shadow-sm dark:divide-gray-800 dark:border-gray-800 dark:bg-gray-900">
        {SETTINGS_SECTIONS.map((s) => (
          <li key={s.slug}>
            <Link
              href={settingsHref(s.slug)}
              className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-gray-50 sm:px-5 dark:hover:bg-gray-800/60"
            >
              <span className="min-w-0">
                <span className="block text-base font-medium text-gray-900 dark:text-gray-50">{s.title}</span>
                <span className="block text-sm text-gray-600 dark:text-gray-400">{s.says}</span>
              </span>
              <span aria-hidden="true" className="shrink-0 text-gray-400">
                →
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
