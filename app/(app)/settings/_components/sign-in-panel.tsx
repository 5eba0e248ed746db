'use client';
import { forgetSavedPages } from '@/app/_components/forget-saved-pages';
import { changePasswordAction, signOutEverywhereAction } from '../actions';
import { button, danger, input, muted } from './form-ui';

const MESSAGES: Record<string, { text: string; ok?: boolean }> = {
  changed: { text: 'Password changed. Every other session has been signed out.', ok: true },
  mismatch: { text: 'The two new passwords differ.' },
  wrong_password: { text: 'The current password is not right.' },
  weak_password: { text: 'Use at least 10 characters for the new password.' },
  too_many_attempts: { text: 'Too many wrong passwords. Wait 15 minutes and try again.' },
};

const labelled = 'block text-sm font-medium text-gray-800 dark:text-gray-200';

/** The owner password and login sessions: change the password, sign out everywhere (server actions). */
export function SignInPanel(props: { outcome?: string }) {
  const message = props.outcome ? (MESSAGES[props.outcome] ?? { text: 'That did not work; try again.' }) : undefined;
  return (
    <div className="space-y-4">
      {message ? (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={message.ok ? 'text-sm text-green-800 dark:text-green-300' : 'text-sm text-red-700 dark:text-red-400'}
        >
          {message.text}
        </p>
      ) : null}
      <form action={changePasswordAction} className="grid gap-3 sm:grid-cols-3" aria-label="Change the owner password">
        {(
          [
            ['current', 'Current password', 'current-password'],
            ['next', 'New password', 'new-password'],
            ['confirm', 'Repeat the new password', 'new-password'],
          ] as const
        ).map(([name, label, autoComplete]) => (
          <label key={name} className={labelled}>
            {label}
            <input
              name={name}
              type="password"
              required
              minLength={name === 'current' ? 1 : 10}
              autoComplete={autoComplete}
              className={`${input} mt-1`}
            />
          </label>
        ))}
        <div className="sm:col-span-3">
          <button type="submit" className={button}>
            Change password
          </button>
        </div>
      </form>
      <form action={signOutEverywhereAction} onSubmit={() => void forgetSavedPages()} className="flex flex-wrap items-center gap-3">
        <button type="submit" className={danger}>
          Sign out everywhere
        </button>
        <span className={muted}>Ends every login session, this one too (phones, other browsers). API tokens keep working.</span>
      </form>
    </div>
  );
}
