'use client';
import NextLink from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/**
 * The app's link: next/link that prefetches its page when the owner reaches for it (pointer over it,
 * a finger on it, keyboard focus), not when it scrolls into view. Next's default fetches every
 * visible link's page at once after load (14 requests on the dashboard, one per row on the sessions
 * list), and reading those answers was a quarter of the page's main-thread work on a phone
 * (issue 20). `prefetch={false}` still turns prefetching off entirely; other props go to next/link.
 */
export function Link({ prefetch, onMouseEnter, onTouchStart, onFocus, ...props }: ComponentProps<typeof NextLink>) {
  const router = useRouter();
  const href = typeof props.href === 'string' ? props.href : null;
  const prefetchNow = () => {
    if (prefetch !== false && href?.startsWith('/')) router.prefetch(href);
  };
  return (
    <NextLink
      {...props}
      prefetch={false}
      onMouseEnter={(e) => {
        prefetchNow();
        onMouseEnter?.(e);
      }}
      onTouchStart={(e) => {
        prefetchNow();
        onTouchStart?.(e);
      }}
      onFocus={(e) => {
        prefetchNow();
        onFocus?.(e);
      }}
    />
  );
}
