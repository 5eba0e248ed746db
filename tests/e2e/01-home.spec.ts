import { expect, test } from '@playwright/test';
import { expectAccessible } from './checks';
import { PASSWORD, watchProblems } from './helpers';

test.describe.configure({ mode: 'serial' });

test('first visit asks for the owner password, then shows what the database holds', async ({ page }, info) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expectAccessible(page);
  // From this machine's own browser no setup code is asked, also after a mistyped repeat (the
  // error page is rendered by Next.js through a loopback request of its own).
  await expect(page.getByLabel('Setup code')).toHaveCount(0);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(`${PASSWORD}x`);
  await page.getByRole('button', { name: 'Set password and continue' }).click();
  await expect(page.getByText('The two passwords differ.')).toBeVisible();
  await expect(page.getByLabel('Setup code')).toHaveCount(0);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set password and continue' }).click();

  // Exact: the setup page's own heading ("Welcome to Tessie Stats") must not count. The first render after setup can be slow on a busy machine.
  await expect(page.getByRole('heading', { name: 'Tessie Stats', level: 1, exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('db-driver')).toHaveText(info.project.name === 'postgres' ? 'PostgreSQL' : 'embedded PGlite');
  // Seeded by tests/e2e/seed.ts (the engine over 14 demo days) before the server started.
  await expect(page.getByTestId('vehicle-card')).toHaveCount(1);
  await expect(page.getByTestId('vehicle-battery')).toHaveText(/^\d+ %$/);
  await expect(page.getByTestId('powerwall-percent')).toHaveText(/^\d+ %$/);
  await expect(page.getByTestId('latest-charge')).toHaveCount(4);
  await expect(page.getByTestId('latest-drive')).toHaveCount(4);
  expect(problems).toEqual([]);
});

test('a stranger is sent to the login page, a wrong password is refused, the right one lets in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'password' })).toHaveText('That password is not right.');
  await expect(page).toHaveURL(/\/login\?error=invalid/);
  await expectAccessible(page); // with its error message shown

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('vehicle-card')).toHaveCount(1);
  // The setup page cannot be used again to take the installation over.
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/login$/);
});

test('the API answers strangers with 401 JSON, health is public, and security headers are set', async ({ request }, info) => {
  const denied = await request.get('/api/auth/status');
  expect(denied.status()).toBe(401);
  expect((await denied.json()).error.code).toBe('unauthorized');

  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.database.driver).toBe(info.project.name);
  expect(body.database.migrations.current).toBe(true);
  expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(res.headers()['referrer-policy']).toBe('no-referrer');
});
