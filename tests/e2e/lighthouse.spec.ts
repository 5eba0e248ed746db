import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * Lighthouse 12 (the npm package; 13 needs Node 22) on the seeded demo, signed in: the dashboard,
 * charging, one session, energy and a car. Debian's Chromium through chrome-launcher (headless,
 * never a downloaded browser), Lighthouse's default mobile emulation and simulated throttling. The
 * scores go to test-results/lighthouse.json. Accessibility and best practices are audits of the
 * page and must be ≥ 95. Performance is a speed figure of this machine at its current load (speed is
 * measured and written down, never asserted by a test): recorded beside them, and in the README. It
 * is below issue 20's target of 85 today (55–87 across the five pages on 7 Dec 2026 at load average
 * 4–10; the README says where the points go), which keeps that issue open.
 */
test.describe.configure({ mode: 'serial' });

const BARS = { accessibility: 95, 'best-practices': 95 } as const;
const CATEGORIES = ['accessibility', 'best-practices', 'performance'] as const;
type Category = (typeof CATEGORIES)[number];

test('Lighthouse (mobile): accessibility and best practices ≥ 95 on the dashboard, charging, a session, energy and a car; performance recorded', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(600_000);
  await signIn(page);
  const session = (await page.request.get('/api/charging/sessions?limit=1').then((r) => r.json())).sessions[0].id as string;
  const vehicle = (await page.request.get('/api/vehicles').then((r) => r.json())).vehicles[0].id as string;
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const chrome = await launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  const scores: Record<string, Record<Category, number>> = {};
  const failures: string[] = [];
  try {
    for (const path of ['/', '/charging', `/charging/${session}`, '/energy', `/vehicles/${vehicle}`]) {
      const result = await lighthouse(`${baseURL}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        extraHeaders: { Cookie: cookie },
        // Map tiles come from OpenStreetMap, which the tests never depend on (no network here).
        blockedUrlPatterns: ['*tile.openstreetmap.org*'],
      });
      const lhr = result!.lhr;
      expect(lhr.finalDisplayedUrl, `${path} was not redirected (signed in)`).toBe(`${baseURL}${path}`);
      const got = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<
        Category,
        number
      >;
      scores[path] = got;
      for (const c of Object.keys(BARS) as (keyof typeof BARS)[]) {
        if (got[c] < BARS[c]) {
          const failed = Object.values(lhr.audits)
            .filter((a) => a.score !== null && a.score < 0.9 && lhr.categories[c]?.auditRefs.some((r) => r.id === a.id && r.weight > 0))
            .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
          failures.push(`${path} ${c} ${got[c]} < ${BARS[c]}: ${failed.join(', ')}`);
        }
      }
    }
  } finally {
    chrome.kill();
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/lighthouse.json', `${JSON.stringify(scores, null, 2)}\n`);
  }
  console.log(JSON.stringify(scores));
  expect(failures).toEqual([]);
});
