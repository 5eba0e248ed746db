import { expect, test, type Page } from '@playwright/test';
import { SIZES } from './checks';
import { signIn } from './helpers';
import { startMomentServer, type MomentServer } from './moment-server';

/**
 * Issue 21, the figures a new user meets: cost totals after a currency change (item 1), the
 * battery's "now" (item 4), a page number past the end (item 10). Runs after 01-home.spec.ts (files
 * run in name order with one worker), which sets the owner password. Every preference changed here
 * is restored in a `finally`: later specs assert euros and the demo's zone.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

const numberIn = (s: string | null) => Number((s ?? '').replace(/[^\d.]/g, ''));

/** A change through the API with the owner's cookie, as the app's own pages send it (same Origin). */
const own = (page: Page) => ({ origin: new URL(page.url()).origin });

async function putSettings(page: Page, patch: Record<string, string>) {
  const res = await page.request.put('/api/settings', { data: patch, headers: own(page) });
  expect(res.status(), JSON.stringify(patch)).toBe(200);
}

/** Month → [Cost, Cost per 100 km] texts of the months with sessions in Charging's "By month". */
async function monthCosts(page: Page): Promise<Map<string, [string, string]>> {
  await page.goto('/charging');
  const rows = page.getByTestId('month-row');
  await expect(rows.first()).toBeVisible();
  const out = new Map<string, [string, string]>();
  for (const row of await rows.all()) {
    const sessions = Number(await row.locator('td[data-label="Sessions"]').textContent());
    if (sessions === 0) continue;
    const cost = (await row.locator('td[data-label="Cost"]').textContent())!;
    const per = (await row.locator('td[data-label^="Cost / "]').textContent())!;
    out.set((await row.getAttribute('data-month'))!, [cost, per]);
  }
  return out;
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('another display currency never blanks a cost total: amounts stay in their own currency, and the page says so', async ({
      page,
    }) => {
      await signIn(page);
      const { settings } = await (await page.request.get('/api/settings')).json();
      const original: string = settings.currency;
      const other = original === 'USD' ? 'GBP' : 'USD';
      const name = `Figures ${size.name}`;
      const created = await page.request.post('/api/drivers', {
        data: { name, rules: [{ days: [0, 1, 2, 3, 4, 5, 6] }] },
        headers: own(page),
      });
      expect(created.status()).toBe(201);
      const driverId: string = (await created.json()).driver.id;
      try {
        const before = await monthCosts(page);
        const priced = [...before.values()].filter(([cost]) => cost !== '–');
        expect(priced.length, 'months with a cost in the demo').toBeGreaterThan(0);
        await page.goto('/drivers');
        const card = page.getByTestId('driver-card').filter({ hasText: name });
        const driverCost = (await card.getByTestId('driver-cost').textContent())!;
        expect(driverCost).not.toBe('–');
        const statsBefore = (await (await page.request.get(`/api/drivers/${driverId}/stats`)).json()).totals;

        await putSettings(page, { currency: other });
        // The same amounts, in the currency they were priced in: nothing blank, nothing converted.
        const after = await monthCosts(page);
        expect([...after.entries()]).toEqual([...before.entries()]);
        await expect(page.getByTestId('months-currency-note')).toContainText(`in ${original}, not ${other}`);
        await page.goto('/drivers');
        await expect(card.getByTestId('driver-cost')).toHaveText(driverCost);
        await expect(page.getByTestId('drivers-currency-note')).toContainText(`in ${original}, not ${other}`);
        // The JSON API keeps `cost` in the display currency (none here) and adds every currency's amount.
        const statsAfter = (await (await page.request.get(`/api/drivers/${driverId}/stats`)).json()).totals;
        expect(statsAfter).toMatchObject({ cost: null, currency: other, costs: [{ currency: original, amount: statsBefore.cost }] });
      } finally {
        await putSettings(page, { currency: original });
        expect((await page.request.delete(`/api/drivers/${driverId}`, { headers: own(page) })).status()).toBeLessThan(300);
      }
    });

    test('a page number past the last page shows the last page and says so; junk shows the first', async ({ page }) => {
      await signIn(page);
      await page.goto('/charging?period=all');
      const total = Number(await page.getByTestId('sessions-total').getAttribute('data-value'));
      expect(total).toBeGreaterThan(0);
      const pages = Math.ceil(total / 25);
      await page.goto('/charging?period=all&page=99');
      await expect(page.getByTestId('page-messages')).toHaveText(`There is no page 99: showing the last page, ${pages}.`);
      await expect(page.getByTestId('session-row')).toHaveCount(total - (pages - 1) * 25);
      // The pager shows only when there is more than one page, and never a page past the last.
      if (pages > 1) await expect(page.getByTestId('page-of')).toHaveText(`Page ${pages} of ${pages}`);
      else await expect(page.getByTestId('page-of')).toHaveCount(0);
      await page.goto('/charging?period=all&page=abc');
      await expect(page.getByTestId('filter-messages')).toContainText('Ignored the page filter');
      await expect(page.getByTestId('session-row')).toHaveCount(Math.min(total, 25));
    });

    test('the battery reads the same newest sample on the dashboard, the car’s status and its chart', async ({ page }) => {
      await signIn(page);
      const { vehicles } = await (await page.request.get('/api/vehicles')).json();
      expect(vehicles.length).toBeGreaterThan(0);
      for (const v of vehicles as { id: string; displayName: string | null; vin: string }[]) {
        await page.goto('/');
        const card = page.getByTestId('vehicle-card').filter({ hasText: v.displayName ?? v.vin });
        const dashboard = numberIn(await card.getByTestId('vehicle-battery').textContent());
        await page.goto(`/vehicles/${v.id}`);
        const status = numberIn(await page.getByTestId('detail-battery').textContent());
        const now = /now (\d+) %/.exec((await page.getByTestId('battery-range').textContent())!)![1];
        expect(status, v.id).toBe(dashboard);
        expect(Number(now), v.id).toBe(status);
      }
    });
  });
}

test.describe('after the app was not running for two hours', () => {
  // The demo seeded up to `at`; the server starts at `serverAt` and its first sync sees every car
  // again after a gap: the state check's new stretch starts at the app's (re)start, not the car's.
  const at = '2026-12-02T12:30:00+01:00';
  const serverAt = '2026-12-02T14:30:00+01:00';
  const port = Number(process.env.E2E_PORT ?? 3210) + 40;
  let server: MomentServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout(150_000); // seeding, migrations and a cold server on a loaded machine
    server = await startMomentServer({ at, serverAt, scenario: 'commuter', days: 1, port, name: 'restart' });
  });
  test.afterAll(async () => server?.stop());

  test('a car’s status says when its state began as far as the records tell, or that it was only seen since then', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server!.baseURL });
    const page = await context.newPage();
    try {
      await signIn(page);
      expect((await page.request.post('/api/sync/trigger', { headers: own(page) })).status()).toBe(200);
      const { vehicles } = await (await page.request.get('/api/vehicles')).json();
      const restart = Date.parse(serverAt);
      // The state check's current stretch starts at this sync for every car: the gap broke it.
      for (const v of vehicles) expect(Date.parse(v.onlineStateSince), v.vin).toBeGreaterThanOrEqual(restart);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        const statuses: string[] = [];
        for (const path of ['/', ...vehicles.map((v: { id: string }) => `/vehicles/${v.id}`)]) {
          await page.goto(path);
          for (const status of await page.getByTestId('vehicle-status').all()) {
            const text = (await status.textContent())!;
            const since = Date.parse((await status.locator('time').getAttribute('datetime'))!);
            statuses.push(text);
            // Either a start before the restart (the same state held through the gap, a change seen
            // before it), or "seen since" the restart: never the restart presented as the car's start.
            if (/seen since/.test(text)) expect(since, `${path}: ${text}`).toBeGreaterThanOrEqual(restart);
            else expect(since, `${path}: ${text}`).toBeLessThan(restart);
          }
        }
        expect(
          statuses.some((t) => /^(Asleep|Online|Offline)since/.test(t)),
          statuses.join(' | '),
        ).toBe(true);
      }
    } finally {
      await context.close();
    }
  });
});
