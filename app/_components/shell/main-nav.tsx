'use client';
import { Link } from '@/app/_components/intent-link';
import { usePathname } from 'next/navigation';
import { NavIcon } from './nav-icons';
import { isCurrentSection, NAV_ITEMS } from './nav-items';

/**
 * The one main nav: a bottom tab bar on phones, a vertical list in the sidebar from `lg` (1024 px).
 * The current section carries aria-current="page".
 */
export function MainNav() {
  const pathname = usePathname();
  return (
    <nav
      aria-label="Main"
      className="fixed inset-x-0 bottom-0 z-30 border-t border-gray-200 bg-white pb-[env(safe-area-inset-bottom)] lg:static lg:border-0 lg:bg-transparent lg:pb-0 dark:border-gray-800 dark:bg-gray-900 dark:lg:bg-transparent"
    >
      <ul className="grid grid-cols-6 lg:flex lg:flex-col lg:gap-1">
        {NAV_ITEMS.map((item) => {
          const current = isCurrentSection(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={[
                  'flex flex-col items-center gap-0.5 px-0.5 pt-2 pb-1.5 text-[11px] leading-4 font-medium outline-offset-[-2px] focus-visible:outline-2 focus-visible:outline-blue-600 dark:focus-visible:outline-blue-400',
                  'lg:flex-row lg:gap-3 lg:rounded-md lg:px-3 lg:py-2 lg:text-sm lg:outline-offset-2',
                  // Not by colour alone: the current tab also gets a bar on top (phones) and bold text.
                  current
                    ? 'relative font-semibold text-blue-700 before:absolute before:inset-x-3 before:top-0 before:h-0.5 before:rounded-full before:bg-current lg:bg-blue-50 lg:before:hidden dark:text-blue-300 dark:lg:bg-blue-950'
                    : 'text-gray-600 hover:text-gray-900 lg:hover:bg-gray-100 dark:text-gray-400 dark:hover:text-gray-100 dark:lg:hover:bg-gray-800',
                ].join(' ')}
              >
                <NavIcon name={item.icon} className="size-6 shrink-0 lg:size-5" />
                <span>{item.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
