'use client';
import { SerwistProvider } from '@serwist/next/react';
import { useEffect } from 'react';

/**
 * Registers the service worker (public/sw.js, built by `serwist build`; not in `next dev`).
 * Serwist saves each page the app navigates to; on the very first visit the page was loaded before
 * the worker existed, so once the worker takes control this asks it to save the current page too.
 */
export function PwaProvider(props: { children: React.ReactNode }) {
  const disabled = process.env.NODE_ENV === 'development';
  useEffect(() => {
    if (disabled || !('serviceWorker' in navigator) || navigator.serviceWorker.controller) return;
    const container = navigator.serviceWorker;
    const saveCurrentPage = () =>
      container.controller?.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache: [location.pathname + location.search] } });
    container.addEventListener('controllerchange', saveCurrentPage, { once: true });
    return () => container.removeEventListener('controllerchange', saveCurrentPage);
  }, [disabled]);
  return (
    <SerwistProvider swUrl="/sw.js" disable={disabled}>
      {props.children}
    </SerwistProvider>
  );
}
