import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { expectNoSideScroll, SIZES } from './checks';
import { signIn, waitForSavedPage, watchProblems, withOwnBrowser } from './helpers';
import { clock } from '../../lib/clock';
import { formatDateTime } from '../../lib/format';

/** Runs after 01-home.spec.ts (files run in name order with one worker), which sets the owner password. */
test.describe.configure({ mode: 'serial' });

// `says`: what each page must show from the history tests/e2e/seed.ts stored through the sync.
const PAGES = [
  { href: '/', nav: 'Dashboard', heading: 'Tessie Stats', slug: 'dashboard', says: /Requests this month[1-9][\d,]*/ },
  { href: '/vehicles', nav: 'Vehicles', heading: 'Vehicles', slug: 'vehicles', says: /Battery\d+ %/ },
  { href: '/charging', nav: 'Charging', heading: 'Charging', slug: 'charging', says: /\d+ sessions · Last 90 days/ },
  { href: '/energy', nav: 'Energy', heading: 'Energy', slug: 'energy', says: /Solar produced\d/ },
  { href: '/drivers', nav: 'Drivers', heading: 'Drivers', slug: 'drivers', says: /Recent drives.*\d+(\.\d)? (km|mi)/s },
  {
    href: '/settings',
    nav: 'Settings',
    heading: 'Settings',
    slug: 'settings',
    says: /Tesla connection.*Units and preferences.*Places and tariffs.*API tokens.*Sync/s,
  },
] as const;

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** The body background's brightness, 0 (black) to 1 (white), via a canvas (it computes as lab()). */
function bodyLightness(page: Page) {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return (r! + g! + b!) / 765;
  });
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('every page renders in the shell, without errors, and is saved as a screenshot', async ({ page }, info) => {
      const problems = watchProblems(page);
      await signIn(page);
      for (const p of PAGES) {
        await page.goto(p.href);
        await expect(page.getByRole('heading', { level: 1, name: p.heading, exact: true })).toBeVisible();
        await expect(page.getByRole('banner')).toBeVisible();
        await expect(page.getByRole('main')).toBeVisible();
        await expect(mainNav(page)).toBeVisible();
        await expect(mainNav(page).getByRole('link', { name: p.nav })).toHaveAttribute('aria-current', 'page');
        await expect(mainNav(page).locator('[aria-current]')).toHaveCount(1);
        await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
        await expect(page.getByRole('main')).toContainText(p.says);
        // Nothing sticks out sideways, on a phone least of all.
        await expectNoSideScroll(page, size.width);
        await page.screenshot({ path: `test-results/screenshots/${info.project.name}-${size.name}-${p.slug}.png`, fullPage: true });
      }
      // The theme follows the system setting.
      expect(await bodyLightness(page)).toBeGreaterThan(0.9);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto('/');
      expect(await bodyLightness(page)).toBeLessThan(0.3);
      await page.screenshot({ path: `test-results/screenshots/${info.project.name}-${size.name}-dashboard-dark.png`, fullPage: true });
      expect(problems).toEqual([]);
    });

    test('the nav moves between the sections and marks the current one', async ({ page }) => {
      const problems = watchProblems(page);
      await signIn(page);
      const box = await mainNav(page).boundingBox();
      if (size.name === 'phone') {
        // A tab bar along the bottom edge, full width.
        expect(box!.y + box!.height).toBeGreaterThanOrEqual(size.height - 1);
        expect(box!.width).toBeGreaterThanOrEqual(size.width - 1);
      } else {
        // A sidebar on the left.
        expect(box!.x).toBeLessThan(50);
        expect(box!.y).toBeLessThan(150);
        expect(box!.width).toBeLessThan(300);
      }
      for (const p of [...PAGES.slice(1), PAGES[0]]) {
        await mainNav(page).getByRole('link', { name: p.nav }).click();
        await expect(page).toHaveURL((url) => url.pathname === p.href);
        await expect(page.getByRole('heading', { level: 1, name: p.heading, exact: true })).toBeVisible();
        await expect(mainNav(page).getByRole('link', { name: p.nav })).toHaveAttribute('aria-current', 'page');
      }
      expect(problems).toEqual([]);
    });
  });
}

test('a skip link leads past the nav to the main content', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await expect(page.getByRole('main')).toBeFocused();
});

test('a page does no needless work on load: no link prefetches until the owner reaches for one, the demo band in the first HTML, the flow moved by a transform', async ({
  page,
}) => {
  // Issue 20 (Lighthouse performance on a phone): each of these was main-thread work or a layout shift.
  await signIn(page);
  const html = await (await page.request.get('/')).text();
  // In the page's first HTML, before the content and outside any Suspense boundary (React marks one
  // with <!--$-->): under load a streamed band arrived after the first paint and pushed the page down.
  expect(html.indexOf('data-testid="demo-banner"')).toBeGreaterThan(0);
  expect(html.indexOf('data-testid="demo-banner"')).toBeLessThan(html.indexOf('<main'));
  expect(html).not.toMatch(/<!--\$-->\s*<aside[^>]*data-testid="demo-banner"/);

  const prefetches: string[] = [];
  page.on('request', (r) => r.url().includes('_rsc=') && prefetches.push(new URL(r.url()).pathname));
  await page.goto('/');
  await expect(page.getByTestId('energy-flow-diagram')).toBeVisible();
  await page.waitForLoadState('load');
  await page.waitForTimeout(2_000);
  expect(prefetches).toEqual([]);
  // Reaching for a link still prefetches its page.
  const prefetched = page.waitForRequest((r) => r.url().includes('_rsc=') && new URL(r.url()).pathname === '/charging');
  await mainNav(page).getByRole('link', { name: 'Charging' }).hover();
  await prefetched;

  // An active flow line's dashes move by a transform (run by the compositor), not by its dash offset (a repaint every frame).
  const animated = await page
    .getByTestId('energy-flow-diagram')
    .locator('.tessie-flowing')
    .first()
    .evaluate((el) => el.getAnimations().flatMap((a) => (a.effect as KeyframeEffect).getKeyframes().flatMap((k) => Object.keys(k))));
  expect(animated).toContain('transform');
  expect(animated).not.toContain('strokeDashoffset');
});

test('Chromium finds the app installable: manifest, icons and service worker', async ({ request, baseURL }, info) => {
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ name: 'Tessie Stats', start_url: '/', display: 'standalone' });
  expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)).toEqual([
    '192x192 any',
    '512x512 any',
    '512x512 maskable',
  ]);
  for (const icon of [...manifest.icons, { src: '/apple-icon.png' }]) {
    const res = await request.get(icon.src);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()['content-type']).toBe('image/png');
    expect((await res.body()).subarray(1, 4).toString('latin1')).toBe('PNG');
  }

  // Playwright's own contexts are incognito, which Chromium never offers to install from
  // ("in-incognito"): ask a persistent profile instead, started like the project's browser.
  const profile = mkdtempSync(path.join(tmpdir(), 'tessie-pwa-'));
  const context = await chromium.launchPersistentContext(profile, { ...info.project.use.launchOptions, baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const problems = watchProblems(page);
    await signIn(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

for (const size of SIZES) {
  test(`offline at ${size.width}×${size.height}, a reload shows the saved page in the shell with the offline banner`, async ({
    baseURL,
  }, info) => {
    test.slow();
    // The browser in another zone than the owner's: the banner's time is the owner's, as everywhere in the app.
    await withOwnBrowser(
      info,
      { baseURL, viewport: { width: size.width, height: size.height }, timezoneId: 'Pacific/Auckland' },
      async (context) => {
        const page = await context.newPage();
        await signIn(page);
        const { timeZone } = (await (await page.request.get('/api/settings')).json()).settings;
        expect(timeZone).not.toBe('Pacific/Auckland');
        await page.goto('/');
        await waitForSavedPage(page, '/');
        await expect(page.getByTestId('offline-banner')).toHaveCount(0);

        await context.setOffline(true);
        await expect(page.getByTestId('offline-banner')).toBeVisible(); // the live page notices too
        await page.reload();
        await expect(page.getByRole('heading', { level: 1, name: 'Tessie Stats', exact: true })).toBeVisible();
        await expect(page.getByTestId('vehicle-card')).toHaveCount(1);
        await expect(mainNav(page)).toBeVisible();
        const banner = page.getByTestId('offline-banner');
        await expect(banner).toContainText('Offline — showing data from');
        const shown = await banner.locator('time').getAttribute('datetime');
        expect(clock.ms() - Date.parse(shown!)).toBeLessThan(5 * 60_000);
        await expect(banner.locator('time')).toHaveText(formatDateTime(shown!, timeZone));
        await page.screenshot({ path: `test-results/screenshots/${info.project.name}-offline-${size.width}.png` });

        // A page never opened on this device (in a new tab, so the live page's router cannot race the
        // navigation): the precached offline page instead of the browser's error page.
        // It keeps the app's navigation and lists what this device can show, which opens offline.
        const tab = await context.newPage();
        await tab.goto('/drivers');
        await expect(tab.getByRole('heading', { name: 'You are offline' })).toBeVisible();
        await expect(mainNav(tab)).toBeVisible();
        const saved = tab.getByTestId('saved-pages');
        await expect(saved.getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();
        await expect(saved.getByRole('link', { name: 'Drivers' })).toHaveCount(0);
        await expect(saved.locator('a[href^="/login"]')).toHaveCount(0); // visited to sign in, but no page of the app's
        await expect(tab.getByTestId('offline-banner')).toHaveCount(0); // the page says it is offline, and shows no saved data
        await tab.screenshot({ path: `test-results/screenshots/${info.project.name}-offline-unsaved-${size.width}.png` });
        // The listed page opens offline. (Followed by URL, not by a click: Next's router, hydrating the
        // offline page under another URL, can load that URL again while its requests fail offline, and
        // under load that reload overtook a click in CI. Known, left open in issue 21.)
        const href = await saved.getByRole('link', { name: 'Dashboard', exact: true }).getAttribute('href');
        expect(href).toBe('/');
        await expect(async () => {
          await tab.goto(href!);
          await expect(tab.getByTestId('vehicle-card')).toHaveCount(1);
        }).toPass({ timeout: 30_000 });
        await expect(tab.getByTestId('offline-banner')).toContainText('Offline — showing data from');
      },
    );
  });
}

test('signing out ends the session and forgets the saved pages', async ({ page }) => {
  const problems = watchProblems(page);
  await signIn(page);
  await waitForSavedPage(page, '/');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect.poll(() => page.evaluate(async () => Boolean(await caches.match('/')))).toBe(false);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
  await page.goto('/settings/tokens');
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Ftokens$/);
  expect(problems).toEqual([]);
});
