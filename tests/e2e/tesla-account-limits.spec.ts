import { expect, test, type Page } from '@playwright/test';
import { TEST_MOMENT } from '../setup/test-clock';
import { expectAccessible } from './checks';
import { signIn, watchProblems } from './helpers';
import { startMomentServer, type MomentServer } from './moment-server';

/**
 * What the owner sees of a real account's two refusals (issue 13, known differences 2 and 5), on a
 * server of its own whose seeded account is in that state (tests/e2e/seed.ts, E2E_TESLA_STATE):
 * Tesla disabled the app for its billing limit 40 minutes ago (one try in 20 minutes), and the
 * token lacks `vehicle_location`. The dashboard and Settings say so plainly, with what to do.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const port = Number(process.env.E2E_PORT ?? 3210) + 5;
let server: MomentServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000); // seeding two demo days and a cold server
  server = await startMomentServer({
    at: TEST_MOMENT,
    scenario: 'commuter',
    days: 2,
    port,
    name: 'tesla-limits',
    env: { E2E_TESLA_STATE: 'billing-locked,no-location' },
  });
  const context = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 375, height: 812 } });
  page = await context.newPage();
  await signIn(page);
});
test.afterAll(async () => {
  await page?.context().close();
  await server?.stop();
});

async function expectBillingBanner(scope: ReturnType<Page['getByTestId']> | Page) {
  const banner = scope.getByTestId('billing-lock-banner');
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).toContainText('Tesla has disabled this app’s API access for exceeding its billing limit.');
  await expect(banner).toContainText('stopped every paid call');
  await expect(banner.getByRole('link', { name: 'developer.tesla.com' })).toHaveAttribute('href', 'https://developer.tesla.com');
  await expect(banner).toContainText('raise its limit or add a payment method');
  // Seeded 40 minutes into the lock-out with one try 20 minutes later: about 11:20 in Amsterdam (the
  // demo owner's zone; the clock ran on while the seed ran), written in the owner's time.
  const retry = banner.getByTestId('billing-lock-retry');
  const at = Date.parse((await retry.locator('time').getAttribute('datetime'))!);
  expect(at - Date.parse(TEST_MOMENT)).toBeGreaterThanOrEqual(20 * 60_000);
  expect(at - Date.parse(TEST_MOMENT)).toBeLessThan(25 * 60_000);
  const hhmm = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  await expect(retry).toContainText(`will try again at ${hhmm}, with one call`);
}

test('the dashboard says Tesla disabled the app for its billing limit, what to do and when it tries again', async () => {
  const problems = watchProblems(page);
  await page.goto('/');
  await expectBillingBanner(page);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screenshots/billing-lock-dashboard-375.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('Settings says it too, and names the missing location scope with what it costs', async () => {
  const problems = watchProblems(page);
  await page.goto('/settings/tesla');
  const tesla = page.getByTestId('tesla-connection');
  await expectBillingBanner(tesla);
  const scopes = tesla.locator('[data-step="scopes"]');
  await expect(scopes).toHaveAttribute('data-state', 'failed');
  for (const text of [
    'vehicle_location',
    'no places',
    'no maps',
    'no home detection',
    'no solar share of home charges',
    'allow location access',
  ])
    await expect(scopes).toContainText(text);
  await expectAccessible(page);
  await tesla.screenshot({ path: 'test-results/screenshots/billing-lock-settings-375.png' });
  expect(problems).toEqual([]);
});
