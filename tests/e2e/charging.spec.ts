import { expect, test, type Page } from '@playwright/test';
import { signIn, watchProblems } from './helpers';
import { decimals, expectAccessible, expectNoSideScroll, expectStyledChart, SIZES, valueOf } from './checks';
import { clock } from '../../lib/clock';

const SOURCE_LABELS = { polled: 'Polled', wall_connector: 'Wall Connector', supercharger_history: 'Supercharger', inferred: 'Inferred' };

/** Runs after home.spec.ts (file order, one worker), which sets the owner password. */
// Generous per-test time: axe and several charts per page on a shared 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 60_000 });

const KWH = /^\d[\d,]*\.\d kWh$/;
const currentMonth = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(clock.now()).slice(0, 7);

/** The local month (`YYYY-MM`) of the newest charging session, by the JSON API. */
async function newestSessionMonth(page: Page, timeZone: string): Promise<string> {
  const [newest] = (await (await page.request.get('/api/charging/sessions?limit=1')).json()).sessions;
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(new Date(newest.startedAt)).slice(0, 7);
}

/** The first of `ids` whose charge curve is drawn (three states or more), by the JSON API. */
async function sessionWithCurve(page: Page, ids: string[]): Promise<string> {
  for (const id of ids) {
    const { samples } = await (await page.request.get(`/api/charging/sessions/${id}`)).json();
    if (samples.length >= 3) return id; // fewer are listed, not drawn
  }
  throw new Error(`none of the ${ids.length} sessions shown has a charge curve`);
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('the charging page shows the seeded sessions and monthly statistics', async ({ page }, info) => {
      const problems = watchProblems(page);
      await signIn(page);
      await page.goto('/charging');
      await expect(page.getByRole('heading', { level: 1, name: 'Charging', exact: true })).toBeVisible();
      const total = await valueOf(page, 'sessions-total');
      expect(total).toBeGreaterThan(3);
      const rows = page.getByTestId('session-row');
      expect(await rows.count()).toBe(Math.min(total, 25));
      // Every row: a date link, a real kWh figure; at least one home charge with a cost and a solar share.
      for (const cell of await rows.locator('td:nth-child(6)').allTextContents()) expect(cell).toMatch(KWH);
      expect((await rows.locator('td:nth-child(7)').allTextContents()).some((c) => /\d+\.\d\d/.test(c))).toBe(true);
      expect((await rows.locator('td:nth-child(8)').allTextContents()).some((c) => /^\d+ %$/.test(c))).toBe(true);

      // Up to twelve months, from the first with a session (first-hour-small.spec.ts) up to this one, newest first
      // (on the 1st at 00:05 this month may have none yet: zero, not missing).
      const tz = (await page.getByTestId('time-zone').textContent())!;
      const months = await page.getByTestId('month-row').count();
      expect(months).toBeGreaterThan(0);
      expect(months).toBeLessThanOrEqual(12);
      await expect(page.getByTestId('month-row').first()).toHaveAttribute('data-month', currentMonth(tz));
      expect(await valueOf(page, `month-kwh-${currentMonth(tz)}`)).toBeGreaterThanOrEqual(0);
      expect(await valueOf(page, `month-kwh-${await newestSessionMonth(page, tz)}`)).toBeGreaterThan(0);
      await expectStyledChart(page, 'chart-months');
      await expectNoSideScroll(page, size.width);
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screenshots/${info.project.name}-${size.name}-charging-history.png`, fullPage: true });
      expect(problems).toEqual([]);
    });

    test('a session opens from the table with its curve, split, cost and source', async ({ page }, info) => {
      const problems = watchProblems(page);
      await signIn(page);
      await page.goto('/charging');
      // The row the test needs: a session with a drawn curve (three recorded states or more), not
      // merely the newest one (just after midnight that may be a short top-up seen once).
      const id = await sessionWithCurve(
        page,
        await page.getByTestId('session-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-session-id')!)),
      );
      const row = page.locator(`[data-testid="session-row"][data-session-id="${id}"]`);
      await row.getByRole('link').click();
      await expect(page).toHaveURL(new RegExp(`/charging/${id}$`));
      await expect(page.getByRole('heading', { level: 1, name: 'Charging session' })).toBeVisible();
      expect(await valueOf(page, 'session-kwh')).toBeGreaterThan(0);
      const { session } = await (await page.request.get(`/api/charging/sessions/${id}`)).json();
      await expect(page.getByTestId('session-source')).toHaveText(SOURCE_LABELS[session.source as keyof typeof SOURCE_LABELS]);
      await expect(page.getByTestId('session-inferred')).toHaveText(session.source === 'inferred' ? 'Yes' : 'No');
      for (const panel of ['summary', 'cost', 'split', 'curve']) await expect(page.getByTestId(`panel-${panel}`)).toBeVisible();
      await expectStyledChart(page, 'chart-power');
      await expectStyledChart(page, 'chart-battery');
      await expectNoSideScroll(page, size.width);
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screenshots/${info.project.name}-${size.name}-charging-session.png`, fullPage: true });
      expect(problems).toEqual([]);
    });
  });
}

test('filters narrow the table through the URL; bad values are ignored with a message', async ({ page }) => {
  const problems = watchProblems(page);
  await signIn(page);
  await page.goto('/charging');
  const all = await valueOf(page, 'sessions-total');

  await page.getByLabel('Source').selectOption('polled');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]source=polled/);
  const polled = await valueOf(page, 'sessions-total');
  expect(polled).toBeGreaterThan(0);
  expect(polled).toBeLessThanOrEqual(all);
  for (const cell of await page.getByTestId('session-row').locator('td:nth-child(5)').allTextContents()) expect(cell).toBe('Polled');

  await page.getByLabel('Charger').selectOption('ac');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/type=ac/);
  await expect(page.getByLabel('Source')).toHaveValue('polled');
  for (const cell of await page.getByTestId('session-row').locator('td:nth-child(4)').allTextContents()) expect(cell).toBe('AC');

  // A period with no sessions says so and offers a way out.
  await page.goto('/charging?period=2001-01');
  await expect(page.getByTestId('sessions-total')).toHaveAttribute('data-value', '0');
  await expect(page.getByText('No session matches these filters')).toBeVisible();

  await page.goto('/charging?source=bogus&type=plasma&vehicle=nope&page=-3&period=forever');
  await expect(page.getByTestId('filter-messages')).toContainText('Ignored the source filter');
  await expect(page.getByTestId('filter-messages')).toContainText('Ignored the charger type filter');
  await expect(page.getByTestId('filter-messages')).toContainText('Ignored the vehicle filter');
  await expect(page.getByTestId('sessions-total')).toHaveAttribute('data-value', String(all));
  await expect(page.getByLabel('Period')).toHaveValue('90d');
  expect(problems).toEqual([]);
});

test('the page agrees with the JSON API: this month’s kWh and a session’s cost', async ({ page }) => {
  await signIn(page);
  await page.goto('/charging');
  const tz = (await page.getByTestId('time-zone').textContent())!;
  const month = await newestSessionMonth(page, tz);
  const stats = await (await page.request.get(`/api/charging/stats?period=month&tz=${encodeURIComponent(tz)}`)).json();
  const api = stats.periods.find((p: { period: string }) => p.period === `${month}-01`);
  expect(api.energyAddedKwh).toBeGreaterThan(0);
  expect(await valueOf(page, `month-kwh-${month}`)).toBe(api.energyAddedKwh);
  await expect(page.getByTestId(`month-kwh-${month}`)).toHaveText(`${decimals(api.energyAddedKwh, 1)} kWh`);

  // A session with a cost: its detail page shows the API's amount.
  const costed = page.locator('[data-testid="session-row"]:has(td:nth-child(7)[data-value])').first();
  const id = (await costed.getAttribute('data-session-id'))!;
  const { session } = await (await page.request.get(`/api/charging/sessions/${id}`)).json();
  await page.goto(`/charging/${id}`);
  expect(await valueOf(page, 'session-cost')).toBe(session.cost.amount);
  await expect(page.getByTestId('session-cost')).toContainText(decimals(session.cost.amount, 2));
  expect(await valueOf(page, 'session-cost-without-solar')).toBe(session.cost.amountWithoutSolar ?? session.cost.amount);
  expect(await valueOf(page, 'session-kwh')).toBe(session.energyAddedKwh);
});

test('an unknown or malformed session id is a 404 page, not an error', async ({ page }) => {
  await signIn(page);
  for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
    const res = await page.goto(`/charging/${id}`);
    expect(res?.status()).toBe(404);
  }
});
