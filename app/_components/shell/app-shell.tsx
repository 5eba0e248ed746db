import { Link } from '@/app/_components/intent-link';
import { MainNav } from './main-nav';
import { OfflineBanner } from './offline-banner';
import { SignOutButton } from './sign-out-button';

/**
 * The signed-in frame. Phones (< 1024 px): a slim top bar (brand, sign out) and the nav as a tab
 * bar fixed to the bottom. From `lg`: the same header becomes a
 * left sidebar, sticky in view, in a column whose background runs the page's full height.
 * Used by the signed-in layout and by the offline page, so the navigation stays offline too.
 * `timeZone`: the owner's, for the offline banner's time; `offlinePage`: the shell of the offline page.
 */
export function AppShell(props: { banner?: React.ReactNode; children: React.ReactNode; timeZone?: string; offlinePage?: boolean }) {
  return (
    <div className="min-h-dvh lg:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-blue-700 focus:shadow focus:outline-2 focus:outline-blue-600 dark:focus:bg-gray-900 dark:focus:text-blue-300"
      >
        Skip to content
      </a>
      {/* From lg the column's background runs the page's whole height; the header inside it stays in view. */}
      <div className="sticky top-0 z-30 lg:static lg:w-60 lg:shrink-0 lg:border-r lg:border-gray-200 lg:bg-white lg:dark:border-gray-800 lg:dark:bg-gray-900">
        <header className="flex h-14 items-center justify-between border-b border-gray-200 bg-white px-4 lg:sticky lg:top-0 lg:h-dvh lg:flex-col lg:items-stretch lg:justify-start lg:gap-6 lg:border-b-0 lg:px-3 lg:py-5 dark:border-gray-800 dark:bg-gray-900">
          <Link
            href="/"
            className="flex items-center gap-2 rounded-md text-base font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 lg:px-3 dark:text-gray-50 dark:focus-visible:outline-blue-400"
          >
            <svg viewBox="0 0 64 64" aria-hidden="true" focusable="false" className="size-7">
              <rect width="64" height="64" rx="14" fill="#111827" className="dark:fill-gray-800" />
              <path d="M36 6 16 36h13l-3 22 22-32H34z" fill="#facc15" />
            </svg>
            Tessie Stats
          </Link>
          <MainNav />
          <SignOutButton className="lg:mt-auto" />
        </header>
      </div>
      <div className="min-w-0 lg:flex-1">
        {/* The offline page says so itself: no banner about saved data it does not show. */}
        {props.offlinePage ? null : <OfflineBanner timeZone={props.timeZone} />}
        {props.banner}
        <main id="main" tabIndex={-1} className="mx-auto max-w-5xl space-y-6 px-4 pt-6 pb-28 outline-none sm:px-6 lg:px-8 lg:pt-8 lg:pb-12">
          {props.children}
        </main>
      </div>
    </div>
  );
}
