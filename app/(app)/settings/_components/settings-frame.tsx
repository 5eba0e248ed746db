'use client';
import { Link } from '@/app/_components/intent-link';
import { usePathname } from 'next/navigation';
import { SETTINGS_SECTIONS, settingsHref } from './sections';

/**
 * Around a settings section: from `lg` the sub-navigation beside it (every section, the current one
 * marked); on phones a link back to the section list at /settings. The list page itself has neither.
 */
export function SettingsFrame(props: { children: React.ReactNode }) {
  const pathname = usePathname();
  if (pathname === '/settings') return <div className="space-y-6">{props.children}</div>;
  return (
    <div className="space-y-4 lg:grid lg:grid-cols-[11rem_minmax(0,1fr)] lg:items-start lg:gap-6 lg:space-y-0">
      <Link href="/settings" className="text-sm font-medium text-blue-700 hover:underline lg:hidden dark:text-blue-300">
        ← All settings
      </Link>
      <nav aria-label="Settings sections" className="hidden lg:block">
        <ul className="space-y-1">
          {SETTINGS_SECTIONS.map((s) => {
            const current = pathname === settingsHref(s.slug);
            return (
              <li key={s.slug}>
                <Link
                  href={settingsHref(s.slug)}
                  aria-current={current ? 'page' : undefined}
                  className={`block rounded-md px-3 py-2 text-sm ${
                    current
                      ? 'bg-blue-50 font-semibold text-blue-700 dark:bg-blue-950 dark:text-blue-300'
                      : 'text-gray-700 hover:bg-gray-100 dark:text-gray-300 dark:hover:bg-gray-800'
                  }`}
                >
                  {s.title}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="min-w-0 space-y-6">{props.children}</div>
    </div>
  );
}
