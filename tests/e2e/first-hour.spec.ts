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
      // The password hash at scrypt's full cost can take more than expect's 5 s on a busy machine.
      await expect(page).toHaveURL(/\/charging\?page=2$/, { timeout: 20_000 });
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
      await expect(page).toHaveURL(/\/settings\/tesla$/);
      await expect(page.getByTestId('tesla-connection')).toBeInViewport();
    });

    test('the Tesla connection says plainly that this is the demo, and the steps to connect a real car', async ({ page }) => {
      await signIn(page);
      await page.goto('/settings/tesla');
      const tesla = page.getByTestId('tesla-connection');
      const live = tesla.getByTestId('going-live');
      await expect(live).toContainText('This is the demo');
      await expect(live).toContainText('TESLA_MODE=live');
      await expect(live.getByRole('listitem')).toHaveCount(4);
      // The button says where it goes: the simulator's sign-in, not Tesla's.
      await expect(tesla.getByRole('link', { name: 'Reconnect the demo simulator' })).toHaveAttribute('href', '/api/tesla/connect');
      await expect(tesla.getByRole('link', { name: /with Tesla/ })).toHaveCount(0);
      // The public key is not a to-do in the demo.
      await expect(tesla.locator('[data-step="key"]')).toHaveAttribute('data-state', 'skipped');
      await expect(tesla.locator('[data-step="key"]')).toContainText('Not needed');
      await tesla.getByRole('button', { name: 'Check connection' }).click();
      await expect(tesla.getByRole('status').filter({ hasText: 'answered' })).toHaveText('The simulator answered: the connection works.');
    });

    test('no session reports a peak power below the average its energy and duration imply; too few states are listed, not drawn', async ({
      page,
    }) => {
      await signIn(page);
      type Session = {
        id: string;
        source: string;
        energyAddedKwh: number | null;
        durationMinutes: number | null;
        peakPowerKw: number | null;
      };
      const sessions: Session[] = (await (await page.request.get('/api/charging/sessions?limit=100')).json()).sessions;
      // Every timed session, Supercharger-history ones included: their span is Tesla's billed start and stop.
      const timed = sessions.filter((s) => s.energyAddedKwh && s.durationMinutes && s.peakPowerKw !== null);
      expect(timed.filter((s) => s.source === 'supercharger_history').length).toBeGreaterThan(0);
      expect(timed.length).toBeGreaterThan(10);
      for (const s of timed) {
        const average = s.energyAddedKwh! / (s.durationMinutes! / 60); // over the whole session: at most the average while it flowed
        expect(s.peakPowerKw!, `session ${s.id}: ${s.energyAddedKwh} kWh in ${s.durationMinutes} min`).toBeGreaterThanOrEqual(
          average * 0.99,
        );
        // And no impossible power: 500 kW is the most any Supercharger cabinet delivers.
        expect(average, `session ${s.id}: ${s.energyAddedKwh} kWh in ${s.durationMinutes} min`).toBeLessThanOrEqual(500);
      }
      for (const s of sessions) {
        const { samples } = await (await page.request.get(`/api/charging/sessions/${s.id}`)).json();
        if (samples.length >= 3) continue;
        await page.goto(`/charging/${s.id}`);
        await expect(page.getByTestId('curve-too-few')).toBeVisible();
        await expect(page.getByTestId('chart-power')).toHaveCount(0);
        await expect(page.getByTestId('curve-too-few').getByRole('listitem')).toHaveCount(samples.length);
        return;
      }
      throw new Error('the demo has no session with fewer than three states to check');
    });
  });
}
