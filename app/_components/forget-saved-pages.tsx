'use client';
import { useEffect } from 'react';
import { deleteSavedPages } from '@/app/_lib/saved-pages';

/**
 * Deletes the service worker's runtime caches (the saved pages hold the owner's data); the precache
 * holds only static assets and stays. Called when signing out, and again on the login page: a save
 * the worker had in flight when the owner signed out may land after the first deletion.
 */
export function forgetSavedPages(): Promise<unknown> {
  if (typeof window === 'undefined' || !('caches' in window)) return Promise.resolve();
  return deleteSavedPages(caches);
}

/** Renders nothing; forgets the saved pages once mounted (on the login page). */
export function ForgetSavedPages() {
  useEffect(() => {
    void forgetSavedPages();
  }, []);
  return null;
}
