import { expect, test } from '@playwright/test';

test('the home page renders what the database holds, with no console error or failed request', async ({ page }, info) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Tessie Stats' })).toBeVisible();
  await expect(page.getByTestId('db-driver')).toHaveText(info.project.name === 'postgres' ? 'PostgreSQL' : 'embedded PGlite');
  // Seeded by tests/e2e/seed.ts before the server started.
  await expect(page.getByTestId('count-vehicles')).toHaveText('1');
  await expect(page.getByTestId('count-chargingSessions')).toHaveText('3');
  await expect(page.getByTestId('count-drives')).toHaveText('1');
  await expect(page.getByTestId('count-energySites')).toHaveText('0');
  expect(problems).toEqual([]);
});

test('health reports the driver and current migrations', async ({ request }, info) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.database.driver).toBe(info.project.name);
  expect(body.database.migrations.current).toBe(true);
});
