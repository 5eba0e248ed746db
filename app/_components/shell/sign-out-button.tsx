'use client';
import { forgetSavedPages } from '@/app/_components/forget-saved-pages';
import { signOutAction } from './sign-out-action';
import { NavIcon } from './nav-icons';

/** Signs out through the server action, dropping the saved pages first (and the login page does again). */

export function SignOutButton(props: { className?: string }) {
  return (
    <form action={signOutAction} onSubmit={() => void forgetSavedPages()} className={props.className}>
      <button
        type="submit"
        className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-100 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 lg:w-full lg:px-3 lg:py-2 dark:text-gray-300 dark:hover:bg-gray-800 dark:hover:text-gray-100 dark:focus-visible:outline-blue-400"
      >
        <NavIcon name="sign-out" className="size-5" />
        Sign out
      </button>
    </form>
  );
}
