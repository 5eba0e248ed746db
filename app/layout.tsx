import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Tessie Stats', template: '%s · Tessie Stats' },
  description: 'Charging, drives, solar and Powerwall statistics for your Tesla, self-hosted.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#111827' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-gray-50 text-gray-900 antialiased">{children}</body>
    </html>
  );
}
