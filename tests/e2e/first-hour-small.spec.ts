import { expect, test, type Page } from '@playwright/test';
import { SIZES, valueOf } from './checks';
import { signIn } from './helpers';

/**
 * Issue 21 item 11, the small things a new user trips over: plurals, the API tokens' empty state and
 * copy button, a place from the car's position or picked on the map, older drives on the Drivers page, and Charging's "By
 * month" under the page's filters. Runs after 01-home.spec.ts (files run in name order with one
 * worker), which sets the owner password. Whatever a test changes is undone before it ends.
 */
test.describe.configure({ mode: 'serial' });

/** "1 drives", "1 states", "1 requests": a count of one with its noun in the plural. */
const ONE_PLURAL = /(^|[^\d.,])1 (cars|drives|charges|states|car states|requests|drivers|sessions|days|Powerwall readings)\b/;

type Run = { requests: number; counts: Record<string, unknown> | null };

async function syncRuns(page: Page): Promise<Run[]> {
  const json = await (await page.request.get('/api/sync/status?limit=10')).json();
  return json.runs;
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('the sync history says what each run did, in the right number: "1 car read", never "1 cars"', async ({ page }) => {
      await signIn(page);
      const runs = await syncRuns(page);
      // The demo's latest runs each read one car and one Powerwall state: counts of one, what this is about.
      const ones = runs.filter((r) => r.counts?.vehicles === 1);
      expect(ones.length, 'a sync run of the demo that read one car').toBeGreaterThan(0);
      await page.goto('/settings/sync');
      const history = page.getByTestId('sync-history');
      await expect(history.getByRole('listitem')).toHaveCount(runs.length);
      for (const line of (await history.innerText()).split('\n')) expect(line).not.toMatch(ONE_PLURAL);
      await expect(history.getByText(/^1 car read(,|$)/)).toHaveCount(ones.length);
      for (const [i, r] of runs.entries()) {
        const item = history.getByRole('listitem').nth(i);
        await expect(item).toContainText(`· ${r.requests} ${r.requests === 1 ? 'request' : 'requests'}`);
        if (r.counts?.energy_states === 1) await expect(item).toContainText('1 Powerwall reading');
      }
    });

    test('API tokens: the empty state shows the header as code; a new token has a Copy button that says "Copied"', async ({
      page,
      context,
    }) => {
      await signIn(page);
      await page.goto('/settings/tokens');
      const empty = page.getByText(/^No API tokens\./);
      await expect(empty).toBeVisible();
      expect(await empty.innerText()).not.toContain('`');
      await expect(empty.locator('code')).toHaveText('Authorization: Bearer <token>');

      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const name = `copy ${size.name}`;
      try {
        await page.getByLabel('New token name').fill(name);
        await page.getByRole('button', { name: 'Create token' }).click();
        const token = (await page.getByTestId('new-token').textContent())!.trim();
        expect(token.length).toBeGreaterThan(30);
        await page.getByRole('button', { name: 'Copy the token' }).click({ timeout: 15_000 }); // leaves the test time to revoke
        await expect(page.getByTestId('copy-result')).toHaveText('Copied');
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
      } finally {
        await revokeTokens(page, name);
      }
    });

    test('a token the clipboard refuses is selected for copying by hand, and says so', async ({ page }) => {
      await page.addInitScript(() => {
        Object.defineProperty(navigator, 'clipboard', {
          configurable: true,
          value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
        });
      });
      await signIn(page);
      await page.goto('/settings/tokens');
      const name = `refused ${size.name}`;
      try {
        await page.getByLabel('New token name').fill(name);
        await page.getByRole('button', { name: 'Create token' }).click();
        const token = (await page.getByTestId('new-token').textContent())!.trim();
        await page.getByRole('button', { name: 'Copy the token' }).click({ timeout: 15_000 }); // leaves the test time to revoke
        await expect(page.getByTestId('copy-result')).toContainText('selected');
        expect(await page.evaluate(() => window.getSelection()?.toString().trim())).toBe(token);
      } finally {
        await revokeTokens(page, name);
      }
    });

    test("a new place takes the car's current position from the stored states", async ({ page }) => {
      await signIn(page);
      const { vehicles } = await (await page.request.get('/api/vehicles')).json();
      const car = vehicles[0];
      const { state } = await (await page.request.get(`/api/vehicles/${car.id}/state`)).json();
      expect(state.latitude, 'the demo car has a stored position').not.toBeNull();
      await page.goto('/settings/places');
      await page.getByText('Add a place').click();
      const form = page.getByRole('form', { name: 'Add a place' });
      await expect(form.getByLabel('Latitude')).toHaveValue('');
      await form.getByLabel('Position of').selectOption(car.id);
      await form.getByRole('button', { name: 'Use the car’s current position' }).click();
      await expect(form.getByLabel('Latitude')).not.toHaveValue('');
      expect(Number(await form.getByLabel('Latitude').inputValue())).toBeCloseTo(state.latitude, 6);
      expect(Number(await form.getByLabel('Longitude').inputValue())).toBeCloseTo(state.longitude, 6);
      await expect(form.getByTestId('position-note')).toContainText(car.displayName ?? car.vin);
    });

    test("a new place is picked on the map: a click puts it there, or the map's centre", async ({ page }) => {
      await signIn(page);
      const { vehicles } = await (await page.request.get('/api/vehicles')).json();
      const car = vehicles[0];
      const { state } = await (await page.request.get(`/api/vehicles/${car.id}/state`)).json();
      await page.goto('/settings/places');
      await page.getByText('Add a place').click();
      const form = page.getByRole('form', { name: 'Add a place' });
      await form.getByRole('button', { name: 'Pick on the map' }).click();
      const map = form.getByTestId('place-map');
      await expect(map).toHaveAttribute('data-ready', 'true');
      // It opens at the car's last position (zoom 15); its centre is that position.
      await form.getByRole('button', { name: 'Use the map’s centre' }).click();
      await expect(form.getByLabel('Latitude')).not.toHaveValue('');
      const lat0 = Number(await form.getByLabel('Latitude').inputValue());
      const lon0 = Number(await form.getByLabel('Longitude').inputValue());
      expect(lat0).toBeCloseTo(state.latitude, 4);
      expect(lon0).toBeCloseTo(state.longitude, 4);
      // A click 60 px right of and 40 px above the centre: east and north of it, by Web Mercator's degrees per pixel at zoom 15.
      const box = (await map.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2 + 60, box.y + box.height / 2 - 40);
      await expect(form.getByLabel('Longitude')).not.toHaveValue(String(lon0));
      const lat1 = Number(await form.getByLabel('Latitude').inputValue());
      const lon1 = Number(await form.getByLabel('Longitude').inputValue());
      const degPerPx = 360 / (256 * 2 ** 15);
      expect((lon1 - lon0) / degPerPx).toBeGreaterThan(55);
      expect((lon1 - lon0) / degPerPx).toBeLessThan(65);
      expect(lat1).toBeGreaterThan(lat0);
      expect((lat1 - lat0) / (degPerPx * Math.cos((lat0 * Math.PI) / 180))).toBeCloseTo(40, -1);
    });

    test('the recent drives page back to older ones through the URL', async ({ page }) => {
      await signIn(page);
      const api = await (await page.request.get('/api/drives?page=1&limit=30')).json();
      expect(api.drives.length, 'the demo has more than one page of drives').toBeGreaterThan(15);
      await page.goto('/drivers');
      const list = page.getByTestId('recent-drive');
      await expect(list).toHaveCount(15);
      const firstPage = await list.locator('p').first().allInnerTexts();
      await page.getByRole('link', { name: 'Older drives' }).click();
      await expect(page).toHaveURL(/\/drivers\?page=2/);
      await expect(page.getByTestId('recent-drives-page')).toContainText('Page 2 of');
      const newestOnPage2 = await list.first().getAttribute('data-drive-id');
      expect(newestOnPage2).toBe(api.drives[15].id);
      expect(await list.locator('p').first().allInnerTexts()).not.toEqual(firstPage);
      await page.getByRole('link', { name: 'Newer drives' }).click();
      await expect(page).toHaveURL(/\/drivers(\?page=1)?(#recent-drives-title)?$/);
      expect(await list.first().getAttribute('data-drive-id')).toBe(api.drives[0].id);
    });

    test('By month starts at the first month with a session and follows the filters of the sessions table', async ({ page }) => {
      await signIn(page);
      const { pagination } = await (await page.request.get('/api/charging/sessions?page=1&limit=1')).json();
      const { sessions } = await (await page.request.get(`/api/charging/sessions?page=${pagination.total}&limit=1`)).json();
      const oldest = new Date(sessions[0].startedAt); // newest first: the last page's row is the oldest
      await page.goto('/charging?period=all');
      const tz = (await page.getByTestId('time-zone').textContent())!;
      const oldestMonth = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit' }).format(oldest).slice(0, 7);
      const rows = page.getByTestId('month-row');
      // Newest first: the last row is the oldest month, the month of the first session.
      await expect(rows.last()).toHaveAttribute('data-month', oldestMonth);
      expect(await rows.count(), 'the demo spans less than the 12 months shown').toBeLessThan(12);
      expect(await monthSessions(page)).toBe(await valueOf(page, 'sessions-total'));

      // A filter narrows both: the months' sessions add up to the table's total, and the month links keep the filter.
      for (const filter of ['type=supercharger', 'source=polled']) {
        await page.goto(`/charging?period=all&${filter}`);
        const total = await valueOf(page, 'sessions-total');
        expect(total, filter).toBeGreaterThan(0);
        expect(await monthSessions(page), filter).toBe(total);
        const link = rows.first().getByRole('link');
        expect(await link.getAttribute('href'), filter).toContain(filter);
        await expect(page.getByTestId('months-filters')).toBeVisible();
      }
    });
  });
}

async function revokeTokens(page: Page, name: string) {
  // A cookie-authenticated change needs the page's own Origin (lib/http/handler.ts), as the browser sends it.
  const headers = { origin: new URL(page.url()).origin };
  const { tokens } = await (await page.request.get('/api/tokens')).json();
  for (const t of tokens.filter((x: { name: string }) => x.name === name)) {
    expect((await page.request.delete(`/api/tokens/${t.id}`, { headers })).ok(), `revoke ${name}`).toBe(true);
  }
}

/** The "Sessions" cells of the By month table, summed. */
async function monthSessions(page: Page): Promise<number> {
  const cells = await page.getByTestId('month-row').locator('td[data-label="Sessions"]').allInnerTexts();
  return cells.reduce((s, c) => s + Number(c.replace(/,/g, '')), 0);
}
