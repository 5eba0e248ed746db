import { expect, test, type Page } from '@playwright/test';
import { signIn, watchProblems } from './helpers';
import { decimals, expectAccessible, expectNoSideScroll, expectStyledChart, SIZES, valueOf } from './checks';

/** Runs after home.spec.ts (file order, one worker), which sets the owner password. */
// Generous per-test time: axe and several charts per page on a shared 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 60_000 });

const period = (page: Page) => page.getByTestId('period-label');
const TOTALS = [
  'total-solar',
  'total-home',
  'total-self-consumption',
  'total-self-powered',
  'total-battery-charged',
  'total-battery-discharged',
  'total-grid-import',
  'total-grid-export',
];

async function expectRealTotals(page: Page) {
  for (const id of TOTALS) await expect(page.getByTestId(id)).toHaveText(/^\d[\d,]*(\.\d)? (kWh|%)$/);
  expect(await valueOf(page, 'total-solar')).toBeGreaterThan(0);
  expect(await valueOf(page, 'total-home')).toBeGreaterThan(0);
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('the day view renders real numbers and styled charts', async ({ page }, info) => {
      const problems = watchProblems(page);
      await signIn(page);
      await page.goto('/energy');
      await expect(page.getByRole('heading', { level: 1, name: 'Energy', exact: true })).toBeVisible();
      const today = (await period(page).getAttribute('data-from'))!;
      await expect(page.getByRole('navigation', { name: 'View' }).getByRole('link', { name: 'Day' })).toHaveAttribute(
        'aria-current',
        'page',
      );
      // Yesterday is a whole seeded day (today may not have seen the sun yet).
      await page.getByRole('link', { name: 'Previous day' }).click();
      await expect(page).toHaveURL(/view=day&date=\d{4}-\d{2}-\d{2}/);
      await expect(period(page)).not.toHaveAttribute('data-from', today);
      await expectRealTotals(page);
      await expectStyledChart(page, 'chart-day-power');
      await expectStyledChart(page, 'chart-day-sources');
      await expectNoSideScroll(page, size.width);
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screenshots/${info.project.name}-${size.name}-energy-day.png`, fullPage: true });
      expect(problems).toEqual([]);
    });

    for (const view of ['Week', 'Month', 'Year'] as const) {
      test(`the ${view.toLowerCase()} view renders real numbers and styled charts`, async ({ page }, info) => {
        const problems = watchProblems(page);
        await signIn(page);
        await page.goto('/energy');
        const today = (await period(page).getAttribute('data-from'))!;
        // The period around yesterday (a whole seeded day) even on a Monday or the 1st.
        await page.getByRole('link', { name: 'Previous day' }).click();
        await expect(period(page)).not.toHaveAttribute('data-from', today);
        await page.getByRole('navigation', { name: 'View' }).getByRole('link', { name: view }).click();
        await expect(page).toHaveURL(new RegExp(`view=${view.toLowerCase()}`));
        await expect(page.getByRole('navigation', { name: 'View' }).getByRole('link', { name: view })).toHaveAttribute(
          'aria-current',
          'page',
        );
        await expectRealTotals(page);
        for (const chart of ['chart-solar-home', 'chart-home-sources', 'chart-battery-grid', 'chart-ratios'])
          await expectStyledChart(page, chart);
        await expectNoSideScroll(page, size.width);
        await expectAccessible(page);
        await page.screenshot({
          path: `test-results/screenshots/${info.project.name}-${size.name}-energy-${view.toLowerCase()}.png`,
          fullPage: true,
        });
        expect(problems).toEqual([]);
      });
    }
  });
}

test('previous and next move by one period; there is no next after the current one', async ({ page }) => {
  const problems = watchProblems(page);
  await signIn(page);
  await page.goto('/energy?view=week');
  const thisWeek = await period(page).getAttribute('data-from');
  await expect(page.getByRole('link', { name: 'Next week' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Previous week' }).click();
  await expect(page).toHaveURL(/date=/);
  await expect(period(page)).not.toHaveAttribute('data-from', thisWeek!);
  const lastWeek = await period(page).getAttribute('data-from');
  expect(Date.parse(thisWeek!) - Date.parse(lastWeek!)).toBe(7 * 86_400_000);
  await expect(period(page)).toHaveAttribute('data-to', new Date(Date.parse(thisWeek!) - 86_400_000).toISOString().slice(0, 10));
  await page.getByRole('link', { name: 'Next week' }).click();
  await expect(period(page)).toHaveAttribute('data-from', thisWeek!);

  await page.goto('/energy?view=month&date=2026-03-17');
  await expect(period(page)).toHaveText('March 2026');
  await expect(period(page)).toHaveAttribute('data-to', '2026-03-31');
  await page.getByRole('link', { name: 'Previous month' }).click();
  await expect(period(page)).toHaveText('February 2026');
  await expect(period(page)).toHaveAttribute('data-to', '2026-02-28');
  // A month before the seeded history says so instead of drawing empty charts.
  await expect(page.getByText('No daily totals stored for February 2026')).toBeVisible();
  expect(problems).toEqual([]);
});

test('bad view or date in the URL falls back to today with a message', async ({ page }) => {
  const problems = watchProblems(page);
  await signIn(page);
  await page.goto('/energy');
  const today = await period(page).getAttribute('data-from');
  await page.goto('/energy?view=decade&date=2026-02-30');
  await expect(page.getByTestId('energy-messages')).toContainText('Ignored the view');
  await expect(page.getByTestId('energy-messages')).toContainText('Ignored the date “2026-02-30”: it is not a real date');
  await expect(period(page)).toHaveAttribute('data-from', today!);
  await page.goto('/energy?view=day&date=2099-01-01');
  await expect(page.getByTestId('energy-messages')).toContainText('has not happened yet');
  await expect(period(page)).toHaveAttribute('data-from', today!);
  expect(problems).toEqual([]);
});

test('the page agrees with the JSON API: today’s and yesterday’s solar', async ({ page }) => {
  await signIn(page);
  await page.goto('/energy');
  const siteId = await page.getByTestId('site-name').getAttribute('data-site-id');
  const today = (await period(page).getAttribute('data-from'))!;
  const history = await (await page.request.get(`/api/energy/sites/${siteId}/history?period=day&from=${today}&to=${today}`)).json();
  expect(history.periods).toHaveLength(1);
  expect(await valueOf(page, 'total-solar')).toBe(history.periods[0].solarProducedKwh);
  expect(await valueOf(page, 'total-home')).toBe(history.periods[0].homeConsumedKwh);

  await page.getByRole('link', { name: 'Previous day' }).click();
  await expect(period(page)).not.toHaveAttribute('data-from', today);
  const yesterday = (await period(page).getAttribute('data-from'))!;
  const stats = await (await page.request.get(`/api/energy/solar/stats?site=${siteId}&from=${yesterday}&to=${yesterday}`)).json();
  expect(stats.solarProducedKwh).toBeGreaterThan(0);
  expect(await valueOf(page, 'total-solar')).toBe(stats.solarProducedKwh);
  expect(await valueOf(page, 'total-self-powered')).toBe(stats.selfPoweredPercentage);
  await expect(page.getByTestId('total-solar')).toHaveText(`${decimals(stats.solarProducedKwh, 1)} kWh`);
});
