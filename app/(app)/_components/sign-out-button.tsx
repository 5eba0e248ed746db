'use client';
import { signOutAction } from '../actions';
import { NavIcon } from './nav-icons';

/**
 * Signs out through the server action. Before that it drops the service worker's runtime caches
 * (saved pages hold the owner's data); the precache holds only static assets and stays.
 */
function forgetSavedPages() {
  if (!('caches' in window)) return;
  void caches.keys().then((names) => Promise.all(names.filter((n) => !n.includes('precache')).map((n) => caches.delete(n))));
}

export function SignOutButton(props: { className?: string }) {
  return (
    <form action={signOutAction} onSubmit={forgetSavedPages} className={props.className}>
      <button
        type="submit"
        className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-100 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-gray-300 dark:hover:bg-gray-800 dark:hover:text-gray-100 dark:focus-visible:outline-blue-400 lg:w-full lg:px-3 lg:py-2"
      >
        <NavIcon name="sign-out" className="size-5" />
        Sign out
      </button>
    </form>
  );
}
