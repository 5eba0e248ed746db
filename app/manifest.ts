import type { MetadataRoute } from 'next';

/** The web app manifest (/manifest.webmanifest). Icons are drawn by scripts/make-icons.mjs. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Tessie Stats',
    short_name: 'Tessie',
    description: 'Charging, drives, solar and Powerwall statistics for your Tesla, self-hosted.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: '#111827',
    background_color: '#111827',
    categories: ['utilities', 'productivity'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
