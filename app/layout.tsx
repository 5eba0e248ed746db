import type { Metadata, Viewport } from 'next';
import { PwaProvider } from './_components/pwa-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Tessie Stats', template: '%s · Tessie Stats' },
  description: 'Charging, drives, solar and Powerwall statistics for your Tesla, self-hosted.',
  applicationName: 'Tessie Stats',
  appleWebApp: { capable: true, title: 'Tessie Stats', statusBarStyle: 'black-translucent' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  viewportFit: 'cover',
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#111827' },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-gray-50 text-gray-900 antialiased dark:bg-gray-950 dark:text-gray-100">
        <PwaProvider>{children}</PwaProvider>
      </body>
    </html>
  );
}
