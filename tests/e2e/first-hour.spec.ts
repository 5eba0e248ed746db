import { expect, test } from '@playwright/test';
import { SIZES } from './checks';
import { PASSWORD, signIn } from './helpers';

/**
 * Issue 21, as a new user meets the app. Runs after 01-home.spec.ts (files run in name order with
 * one worker), which sets the owner password.
 */
test.describe.configure({ mode: 'serial' });

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('signing in returns to the page that was asked for, with its query', async ({ page }) => {
      await page.goto('/charging?page=2');
      await expect(page).toHaveURL(/\/login\?next=%2Fcharging%3Fpage%3D2$/);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(/\/charging\?page=2$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Charging' })).toBeVisible();
    });

    test('a return path to another site or back to the login is not followed', async ({ page, baseURL }) => {
      for (const next of ['//example.com/', 'https://example.com/', '/\\example.com', '/login']) {
        await page.context().clearCookies();
        await page.goto(`/login?next=${encodeURIComponent(next)}`);
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expect(page.getByRole('heading', { name: 'Tessie Stats', level: 1, exact: true })).toBeVisible({ timeout: 20_000 });
        expect(page.url(), next).toBe(new URL('/', baseURL).href);
      }
    });

    test('an unknown page, session or car is a 404 inside the app, with its navigation and a way back', async ({ page }) => {
      await signIn(page);
      for (const path of [
        '/no-such-page',
        '/charging/00000000-0000-4000-8000-000000000000',
        '/charging/not-a-uuid',
        '/vehicles/not-a-car',
      ]) {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(404);
        await expect(page.getByRole('heading', { level: 1, name: 'Not found' }), path).toBeVisible();
        await expect(page.getByRole('navigation', { name: 'Main' }), path).toBeVisible();
        await expect(page.getByRole('link', { name: 'Back to the dashboard' }), path).toBeVisible();
      }
      await page.getByRole('link', { name: 'Back to the dashboard' }).click();
      await expect(page.getByRole('heading', { name: 'Tessie Stats', level: 1, exact: true })).toBeVisible();
    });

    test('every page says it shows the demo, with the way to connect a car', async ({ page }) => {
      await signIn(page);
      for (const path of ['/', '/charging', '/energy']) {
        await page.goto(path);
        const banner = page.getByRole('complementary', { name: 'Demo data' });
        await expect(banner, path).toContainText('a simulated household, no Tesla account is connected');
        await expect(banner.getByTestId('demo-seeding'), path).toHaveCount(0); // the e2e seed finished before the server opened
      }
      await page.getByRole('link', { name: 'Connect your car' }).click();
      await expect(page).toHaveURL(/\/settings#tesla$/);
      await expect(page.getByTestId('tesla-connection')).toBeInViewport();
    });
  });
}
