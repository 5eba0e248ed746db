import { expect, test } from '@playwright/test';
import { expectNoSideScroll, seriousViolations, SIZES } from './checks';
import { signIn, watchProblems } from './helpers';

/** Runs after 01-home.spec.ts (files run in name order with one worker), which sets the owner password. */
test.describe.configure({ mode: 'serial' });

/** "1,234" / "8.7 kWh" / "€2.13" → the number in it. */
const numberIn = (text: string | null) => Number((text ?? '').replace(/,/g, '').match(/-?\d+(\.\d+)?/)?.[0]);

for (const size of SIZES) {
  test.describe(`dashboard at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('every panel shows real numbers from the seeded demo, accessibly and without errors', async ({ page }, info) => {
      const problems = watchProblems(page);
      await signIn(page);
      await page.goto('/');
      const main = page.getByRole('main');

      // The car: state in words with since-when, battery, range in the owner's unit (km by default), last place.
      const card = page.getByTestId('vehicle-card');
      await expect(card).toHaveCount(1);
      await expect(card.getByRole('heading', { level: 3 })).not.toBeEmpty();
      await expect(card.getByTestId('vehicle-status')).toHaveText(/^(Driving|Charging|Online|Asleep|Offline)(seen )?since \d/);
      const battery = numberIn(await card.getByTestId('vehicle-battery').textContent());
      expect(battery).toBeGreaterThan(0);
      expect(battery).toBeLessThanOrEqual(100);
      await expect(card.getByTestId('vehicle-range')).toHaveText(/^[1-9][\d,]* km$/);
      // A named place of the demo owner, or coordinates.
      await expect(card.getByTestId('vehicle-place')).toHaveText(/^([A-Z][A-Za-z ]+|-?\d+\.\d{5}, -?\d+\.\d{5})$/);

      // The Powerwall: the flow in words, every one of the five parts, battery % and grid status.
      const flows = page.getByTestId('energy-flows').getByRole('listitem');
      await expect(flows).toHaveCount(5);
      await expect(flows.filter({ hasText: /^(Solar producing [\d.,]+ k?W|Solar not producing)$/ })).toHaveCount(1);
      await expect(flows.filter({ hasText: /^(Powerwall (dis)?charging [\d.,]+ k?W|Powerwall idle)$/ })).toHaveCount(1);
      await expect(flows.filter({ hasText: /^(Importing from the grid|Exporting to the grid) [\d.,]+ k?W$|^Grid idle$/ })).toHaveCount(1);
      await expect(flows.filter({ hasText: /^Home using [\d.,]+ k?W$/ })).toHaveCount(1);
      await expect(page.getByTestId('powerwall-percent')).toHaveText(/^\d+ %$/);
      await expect(page.getByTestId('grid-status')).toHaveText(/^(Connected|Off grid)$/);
      // The drawing agrees with the words: each flow's direction is the same in both.
      for (const item of await flows.all()) {
        const node = await item.getAttribute('data-flow');
        await expect(page.getByTestId('energy-flow-diagram').locator(`[data-flow="${node}"]`)).toHaveAttribute(
          'data-direction',
          (await item.getAttribute('data-direction'))!,
        );
      }
      const line = page.getByTestId('energy-flow-diagram').locator('line').first();
      expect(await line.evaluate((el) => getComputedStyle(el).stroke)).not.toBe('none');
      expect((await page.getByTestId('energy-flow-diagram').boundingBox())!.height).toBeGreaterThan(100);

      // Today in the owner's time zone: kWh figures and a self-powered share.
      for (const id of ['today-solar', 'today-home', 'today-grid-in']) await expect(page.getByTestId(id)).toHaveText(/^\d[\d,]*\.\d kWh$/);
      expect(numberIn(await page.getByTestId('today-home').textContent())).toBeGreaterThan(0);
      await expect(page.getByTestId('today-self-powered')).toHaveText(/^\d+ %$/);

      // Latest charges (to their session pages) and drives (to the car's page).
      const charges = page.getByTestId('latest-charge');
      await expect(charges).toHaveCount(4);
      await expect(charges.first().getByRole('link')).toHaveAttribute('href', /^\/charging\/[0-9a-f-]{36}$/);
      expect(numberIn(await charges.first().getByTestId('latest-charge-kwh').textContent())).toBeGreaterThan(0);
      const drives = page.getByTestId('latest-drive');
      await expect(drives).toHaveCount(4);
      await expect(drives.first().getByRole('link')).toHaveAttribute('href', /^\/vehicles\/[0-9a-f-]{36}$/);
      await expect(drives.first()).toContainText(/\d+\.\d km$/);

      // The API meter: this month's requests and cost against the budget.
      expect(numberIn(await page.getByTestId('usage-requests').textContent())).toBeGreaterThan(0);
      await expect(page.getByTestId('usage-cost')).toHaveText(/^US\$\d/);
      await expect(page.getByRole('meter', { name: 'Share of the monthly API budget used' })).toHaveAttribute(
        'aria-valuetext',
        /% of US\$/,
      );

      await expect(main.getByText('–', { exact: true })).toHaveCount(0);
      await expectNoSideScroll(page, size.width);
      await page.screenshot({ path: `test-results/screenshots/${info.project.name}-${size.name}-dashboard-panels.png`, fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    });
  });
}

test('the dashboard agrees with the JSON API: API requests this month and the latest charge', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  const shownRequests = numberIn(await page.getByTestId('usage-requests').textContent());
  const shownCost = numberIn(await page.getByTestId('usage-cost').textContent());
  const shownKwh = numberIn(await page.getByTestId('latest-charge-kwh').first().textContent());
  const shownHref = await page.getByTestId('latest-charge').first().getByRole('link').getAttribute('href');

  // The same session cookie: page.request shares the browser context's cookies.
  const usage = await page.request.get('/api/usage');
  expect(usage.status()).toBe(200);
  const u = await usage.json();
  expect(shownRequests).toBe(u.requests);
  expect(shownCost).toBeCloseTo(u.costUsd, 4);

  const sessions = await page.request.get('/api/charging/sessions?limit=1');
  expect(sessions.status()).toBe(200);
  const [latest] = (await sessions.json()).sessions;
  expect(shownHref).toBe(`/charging/${latest.id}`);
  expect(shownKwh).toBeCloseTo(latest.energyAddedKwh, 1);

  // The Powerwall's charge and the grid's direction agree with the live snapshot (grid_power > 0 = importing).
  const [site] = (await (await page.request.get('/api/energy/sites')).json()).sites;
  const { live } = await (await page.request.get(`/api/energy/sites/${site.id}/live`)).json();
  expect(numberIn(await page.getByTestId('powerwall-percent').textContent())).toBe(Math.round(live.batteryPercent));
  const grid = page.getByTestId('energy-flows').locator('[data-flow="grid"]');
  await expect(grid).toHaveAttribute('data-direction', live.gridPowerW >= 20 ? 'in' : live.gridPowerW <= -20 ? 'out' : 'idle');
  await expect(grid).toHaveText(
    live.gridPowerW >= 20 ? /^Importing from the grid/ : live.gridPowerW <= -20 ? /^Exporting to the grid/ : /^Grid idle$/,
  );
});
