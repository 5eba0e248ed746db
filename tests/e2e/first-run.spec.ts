import { expect, test, type Page } from '@playwright/test';
import { TEST_MOMENT } from '../setup/test-clock';
import { expectAccessible, expectNoSideScroll, SIZES } from './checks';
import { PASSWORD, signIn, waitForSavedPage, watchProblems, withOwnBrowser } from './helpers';
import { startMomentServer, type MomentServer } from './moment-server';

/**
 * The first run, walked as a new user meets it (issue 21's acceptance): a server of its own on an
 * empty data folder that seeds the demo itself, as `npm start` does on a fresh clone. Setup → the
 * dashboard while the demo's history is still being written → every page and every Settings
 * section at 375×812 and 1440×900 → another currency, distance unit and time zone → sign out and in
 * with a return path → offline. Each step is saved as a screenshot (test-results/screenshots/first-run-*).
 */
test.describe.configure({ mode: 'serial', timeout: 300_000 });

const port = Number(process.env.E2E_PORT ?? 3210) + 50;
const DAYS = 60; // long enough that the first dashboard is seen while the history is still being written
let server: MomentServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startMomentServer({ at: TEST_MOMENT, scenario: 'commuter', days: DAYS, port, name: 'first-run', selfSeeding: true });
});
test.afterAll(async () => {
  await server?.stop();
});

const TILES = /tile\.openstreetmap\.org/;
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/first-run-${name}.png`, fullPage: true });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

/** The pages a new user opens from the navigation, and what each must show once the demo is in. */
const PAGES = [
  { href: '/', heading: 'Tessie Stats', slug: 'dashboard', says: /Requests this month[1-9][\d,]*/ },
  { href: '/vehicles', heading: 'Vehicles', slug: 'vehicles', says: /Battery\d+ %/ },
  { href: '/charging', heading: 'Charging', slug: 'charging', says: /\d+ sessions/ },
  { href: '/energy', heading: 'Energy', slug: 'energy', says: /Solar produced\d/ },
  { href: '/drivers', heading: 'Drivers', slug: 'drivers', says: /Recent drives/ },
  { href: '/settings', heading: 'Settings', slug: 'settings', says: /Tesla connection.*Units and preferences.*Sync/s },
  { href: '/settings/tesla', heading: 'Settings', slug: 'settings-tesla', says: /Demo mode/ },
  { href: '/settings/preferences', heading: 'Settings', slug: 'settings-preferences', says: /Time zone/ },
  { href: '/settings/places', heading: 'Settings', slug: 'settings-places', says: /Home electricity/ },
  { href: '/settings/sign-in', heading: 'Settings', slug: 'settings-sign-in', says: /password/i },
  { href: '/settings/tokens', heading: 'Settings', slug: 'settings-tokens', says: /token/i },
  { href: '/settings/sync', heading: 'Settings', slug: 'settings-sync', says: /History/ },
] as const;

test('a fresh install: setup, the dashboard while the demo seeds, every page at both sizes, preferences, return path, offline', async ({
  browser,
}, info) => {
  const context = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 375, height: 812 } });
  // Map tiles come from OpenStreetMap, which e2e never depends on: refused as without a network.
  await context.route(TILES, (r) => r.abort('internetdisconnected'));
  const page = await context.newPage();
  const problems = watchProblems(page, [TILES]);
  try {
    // Setup: the first visit asks for the owner password (no setup code from this machine's own browser).
    await page.goto('/');
    await expect(page).toHaveURL(/\/setup$/);
    await shot(page, 'setup-375');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat the password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password and continue' }).click();
    await expect(heading(page, 'Tessie Stats')).toBeVisible({ timeout: 30_000 });

    // The dashboard while the demo's history is written: a progress band, and states dated as of the history so far.
    const band = page.getByTestId('demo-banner');
    const seeding = page.getByTestId('demo-seeding');
    await expect(async () => {
      if ((await seeding.count()) === 0) await page.reload();
      await expect(seeding).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    // At both sizes while it seeds (the same page, laid out again): the band in view, nothing wider than the screen.
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expect(seeding).toContainText(/Loading demo history: \d{1,2} %\./);
      await expect(seeding).toBeInViewport();
      await expectNoSideScroll(page, size.width, `seeding at ${size.width}`);
      await shot(page, `seeding-${size.width}`);
    }
    await page.setViewportSize(SIZES[0]);
    // Reload until the history is in; the band then says it is the demo, with the way to connect a car.
    await expect(async () => {
      await page.reload();
      await expect(band).toContainText('Demo data:', { timeout: 2_000 });
    }).toPass({ timeout: 200_000, intervals: [3_000] });
    await expect(seeding).toHaveCount(0);
    await expect(band.getByRole('link', { name: 'Connect your car' })).toHaveAttribute('href', '/settings/tesla');

    // Every page and Settings section at both sizes, then a session and a car.
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const p of PAGES) {
        await page.goto(p.href);
        await expect(heading(page, p.heading)).toBeVisible();
        await expect(page.getByRole('main')).toContainText(p.says);
        await expect(page.getByTestId('demo-banner')).toContainText('Demo data:');
        await expectNoSideScroll(page, size.width, `${p.href} at ${size.width}`);
        await shot(page, `${p.slug}-${size.width}`);
      }
      await page.goto('/charging');
      await page.getByTestId('session-row').first().getByRole('link').first().click();
      await expect(page).toHaveURL(/\/charging\/[^/?]+$/);
      await expect(page.getByRole('main')).toContainText(/kWh/);
      await shot(page, `session-${size.width}`);
      await page.goto('/vehicles');
      await page.getByRole('main').getByRole('link').filter({ hasText: /\S/ }).first().click();
      await expect(page).toHaveURL(/\/vehicles\/[^/?]+$/);
      await expect(page.getByRole('main')).toContainText(/Battery/);
      await shot(page, `vehicle-${size.width}`);
    }
    await page.setViewportSize(SIZES[0]);
    await expectAccessible(page);

    // Another currency, distance unit and time zone, as a user changes them in Settings.
    await page.goto('/settings/preferences');
    await page.getByLabel('Currency (ISO code, e.g. EUR)').fill('USD');
    await page.getByLabel('Distance unit').selectOption('mi');
    await page.getByLabel('Time zone').selectOption('America/New_York');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    // A new zone asks first when it would move drives between the drivers' rules; a new user keeps them.
    const question = page.getByTestId('reassign-question');
    const saved = page.getByRole('status').filter({ hasText: 'Saved.' });
    await expect(question.or(saved)).toBeVisible({ timeout: 15_000 });
    if (await question.isVisible()) await question.getByRole('button', { name: 'Keep the current drivers' }).click();
    await expect(saved).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Currency (ISO code, e.g. EUR)')).toHaveValue('USD');
    await expect(page.getByLabel('Distance unit')).toHaveValue('mi');
    await expect(page.getByLabel('Time zone')).toHaveValue('America/New_York');
    await shot(page, 'preferences-changed-375');
    // The dashboard says whose day "Today" is (the site's, in Amsterdam); costs keep their currency, never blanked.
    await page.goto('/');
    await expect(page.getByTestId('today-note')).toContainText("(the site's day and times, Europe/Amsterdam)");
    await expect(page.getByTestId('latest-charge').filter({ hasText: /€\d/ }).first()).toBeVisible();
    await shot(page, 'dashboard-changed-375');
    await page.goto('/charging');
    await expect(page.getByRole('main')).toContainText(/Cost \/ 100 mi/);
    await expect(page.getByTestId('month-row').locator('td[data-label="Cost"]').filter({ hasText: /€\d/ }).first()).toBeVisible();
    await shot(page, 'charging-changed-375');
    await page.goto('/drivers');
    await expect(page.getByRole('main')).toContainText(/\d+(\.\d)? mi/);

    // Sign out, ask for a page with its query, sign in: back on that page.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/charging?page=2');
    await expect(page).toHaveURL(/\/login\?next=%2Fcharging%3Fpage%3D2$/);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Hashing the password and a cold render: more than expect's 5 s on a busy machine (as in signIn).
    await expect(page).toHaveURL(/\/charging\?page=2$/, { timeout: 30_000 });
    await expect(heading(page, 'Charging')).toBeVisible();
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }

  // Offline (a Chromium of its own, see withOwnBrowser): the saved dashboard in the shell, and an unvisited page's offline card with the navigation.
  await withOwnBrowser(info, { baseURL: server.baseURL, viewport: { width: 375, height: 812 } }, async (own) => {
    const page = await own.newPage();
    await signIn(page);
    await waitForSavedPage(page, '/');
    await own.setOffline(true);
    const tab = await own.newPage();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.reload();
      await expect(page.getByTestId('offline-banner')).toContainText('Offline — showing data from');
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expectNoSideScroll(page, size.width, `offline at ${size.width}`);
      await shot(page, `offline-${size.width}`);
      await tab.setViewportSize(size);
      await tab.goto('/energy');
      await expect(tab.getByRole('heading', { name: 'You are offline' })).toBeVisible();
      await expect(tab.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expect(tab.getByTestId('saved-pages').getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();
      await shot(tab, `offline-unsaved-${size.width}`);
    }
  });
});
