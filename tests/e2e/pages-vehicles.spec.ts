import { expect, test, type Page } from '@playwright/test';
import { expectNoSideScroll, seriousViolations, SIZES } from './checks';
import { signIn, watchProblems } from './helpers';

/** Runs after 01-home.spec.ts (files run in name order with one worker), which sets the owner password. */
test.describe.configure({ mode: 'serial' });

/** Map tiles come from OpenStreetMap, which e2e never depends on (no network here). */
const TILES = /tile\.openstreetmap\.org/;

const numberIn = (text: string | null) => Number((text ?? '').replace(/,/g, '').match(/-?\d+(\.\d+)?/)?.[0]);

/**
 * A Tremor chart drew with its styles: a curve's stroke (or a bar's fill) is a colour, not `none`
 * or unstyled black (what a build without Tremor's classes renders), in a chart taller than 100 px.
 */
async function expectStyledChart(page: Page, testId: string, shape: string, paint: 'stroke' | 'fill') {
  const chart = page.getByTestId(testId);
  await chart.scrollIntoViewIfNeeded(); // a chart loads when it comes near the viewport (TremorChart)
  await expect(chart.locator(shape).first()).toBeVisible();
  const color = await chart
    .locator(shape)
    .first()
    .evaluate((el, p) => getComputedStyle(el)[p], paint);
  expect(color).not.toBe('none');
  expect(color).not.toBe('rgb(0, 0, 0)');
  expect((await chart.locator('.recharts-responsive-container').boundingBox())!.height).toBeGreaterThan(100);
}

for (const size of SIZES) {
  test.describe(`vehicles at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('the list leads to the car, whose every panel shows real numbers, accessibly and without errors', async ({ page }, info) => {
      const problems = watchProblems(page, [TILES]);
      // Tiles cannot load: the page must say where the car is anyway.
      await page.route(TILES, (r) => r.abort('internetdisconnected'));
      await signIn(page);
      await page.goto('/vehicles');
      const card = page.getByTestId('vehicle-card');
      await expect(card).toHaveCount(1);
      await expect(card.getByTestId('vehicle-battery')).toHaveText(/^\d+ %$/);
      expect(await seriousViolations(page)).toEqual([]);
      await card.getByRole('heading', { level: 2 }).getByRole('link').click();
      await expect(page).toHaveURL(/\/vehicles\/[0-9a-f-]{36}$/);
      const name = await page.getByRole('heading', { level: 1 }).textContent();
      expect(name?.length).toBeGreaterThan(0);

      // Status and charging status.
      await expect(page.getByTestId('vehicle-status')).toHaveText(/^(Driving|Charging|Online|Asleep|Offline)(seen )?since \d/);
      expect(numberIn(await page.getByTestId('detail-battery').textContent())).toBeGreaterThan(0);
      await expect(page.getByTestId('detail-range')).toHaveText(/^[1-9][\d,]* km$/);
      await expect(page.getByTestId('detail-odometer')).toHaveText(/^[1-9][\d,]* km$/);
      await expect(page.getByTestId('detail-charging-state')).toHaveText(/^[A-Z][a-z]+$/);
      await expect(page.getByTestId('detail-charge-limit')).toHaveText(/^\d+ %$/);

      // The map degrades to words: place and coordinates always, a note when tiles fail. Leaflet
      // loads when the map comes near the viewport, as when the owner scrolls to it.
      await expect(page.getByTestId('vehicle-location')).toHaveText(/^.+ · -?\d+\.\d{5}, -?\d+\.\d{5}$/);
      await page.getByTestId('vehicle-map').scrollIntoViewIfNeeded();
      await expect(page.getByTestId('map-fallback')).toContainText('could not load');
      await expect(page.getByTestId('vehicle-map').locator('.leaflet-interactive')).toHaveCount(1); // the car's marker

      // Trips, battery chart, efficiency chart, sleep timeline with idle drain.
      const trips = page.getByTestId('trip');
      await expect(trips.nth(3)).toBeVisible(); // panels stream in: wait for them
      expect(numberIn(await trips.first().getByTestId('trip-distance').textContent())).toBeGreaterThan(0);
      await expectStyledChart(page, 'battery-chart', '.recharts-area-curve', 'stroke');
      await expect(page.getByTestId('battery-range')).toHaveText(/^Between \d+ % and \d+ %, now \d+ %\.$/);
      await expectStyledChart(page, 'efficiency-chart', '.recharts-bar-rectangle rect', 'fill');
      const wh = numberIn(await page.getByTestId('efficiency-average').textContent());
      expect(wh).toBeGreaterThan(50);
      expect(wh).toBeLessThan(400);
      const days = page.getByTestId('timeline-day');
      await expect(days.nth(6)).toBeVisible();
      expect(await page.getByTestId('sleep-timeline').locator('[data-state="asleep"]').count()).toBeGreaterThan(3);
      const band = page.getByTestId('sleep-timeline').locator('[data-state="asleep"]').first();
      expect((await band.boundingBox())!.width).toBeGreaterThan(0);
      await expect(page.getByTestId('asleep-share')).toHaveText(/^\d+ %$/);
      expect(numberIn(await page.getByTestId('asleep-share').textContent())).toBeGreaterThan(30);
      await expect(page.getByTestId('idle-drain')).toHaveText(/^\d+\.\d % a day$/);
      expect(
        await page
          .getByTestId('idle-drain-day')
          .filter({ hasText: /^idle drain -?\d+\.\d %$/ })
          .count(),
      ).toBeGreaterThan(3);

      await expect(page.getByRole('main').getByText('–', { exact: true })).toHaveCount(0);
      await expectNoSideScroll(page, size.width);
      await page.screenshot({ path: `test-results/screenshots/${info.project.name}-${size.name}-vehicle-detail.png`, fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    });
  });
}

test('the car page answers to its VIN too, agrees with the JSON API, and an unknown car is a 404 page', async ({ page }) => {
  const problems = watchProblems(page, [TILES, /\/vehicles\/not-a-car$/, /status of 404/]);
  await page.route(TILES, (r) => r.abort('internetdisconnected'));
  await signIn(page);
  const [vehicle] = (await (await page.request.get('/api/vehicles')).json()).vehicles;
  await page.goto(`/vehicles/${vehicle.vin}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(vehicle.displayName ?? vehicle.vin);
  const state = (await (await page.request.get(`/api/vehicles/${vehicle.id}/state`)).json()).state;
  expect(numberIn(await page.getByTestId('detail-battery').textContent())).toBe(state.batteryLevelPercent);
  expect(numberIn(await page.getByTestId('detail-odometer').textContent())).toBe(Math.round(state.odometerKm));
  const drives = (await (await page.request.get(`/api/drives?vehicle=${vehicle.id}&limit=1`)).json()).drives;
  expect(numberIn(await page.getByTestId('trip-distance').first().textContent())).toBeCloseTo(drives[0].distanceKm, 1);

  const res = await page.goto('/vehicles/not-a-car');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
  await expect(page.getByText('No such vehicle')).toBeVisible();
  await expect(page.getByRole('link', { name: 'See all vehicles' })).toBeVisible();
  expect(problems).toEqual([]);
});
