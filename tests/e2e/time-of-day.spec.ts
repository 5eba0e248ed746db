import { expect, test, type Browser, type Page } from '@playwright/test';
import { addDays, dayOf, localDate, localParts, weekStart } from '../../lib/time';
import { SIZES, valueOf } from './checks';
import { signIn, watchProblems } from './helpers';
import { startMomentServer, type MomentServer } from './moment-server';

/**
 * The date-sensitive pages at the moments that broke them: just after midnight, early, noon, just
 * before midnight, the first of a month and of a year, and the mornings after both daylight-saving
 * changes in Europe/Amsterdam (the commuter demo) and America/Los_Angeles (two cars). Each moment is
 * its own server on PGlite with a few days of demo history ending then (tests/e2e/moment-server.ts).
 * At every moment (the dashboard and the energy page's default day at 375×812 and 1440×900, the rest at 375×812): the dashboard's Today shows today's figures so far (provisional, saying from
 * what), the energy page's day, week, month and year hold today (with the JSON API agreeing), the
 * previous day is complete or says it is not, and the charging months end with the current one.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

type Moment = { name: string; at: string; zone: string; scenario: 'commuter' | 'two-cars'; dstHours?: number };
const AMS = 'Europe/Amsterdam';
const LA = 'America/Los_Angeles';
const MOMENTS: Moment[] = [
  { name: '0005', at: '2026-06-10T00:05:00+02:00', zone: AMS, scenario: 'commuter' },
  { name: '0600', at: '2026-06-10T06:00:00+02:00', zone: AMS, scenario: 'commuter' },
  { name: '1200', at: '2026-06-10T12:00:00+02:00', zone: AMS, scenario: 'commuter' },
  { name: '2355', at: '2026-06-10T23:55:00+02:00', zone: AMS, scenario: 'commuter' },
  { name: 'month-first', at: '2026-09-01T00:05:00+02:00', zone: AMS, scenario: 'commuter' },
  { name: 'year-first', at: '2027-01-01T00:05:00+01:00', zone: AMS, scenario: 'commuter' },
  // The mornings after the changes: yesterday was 23 or 25 hours long and is complete by now.
  { name: 'ams-spring', at: '2026-03-30T00:20:00+02:00', zone: AMS, scenario: 'commuter', dstHours: 23 },
  { name: 'ams-autumn', at: '2026-10-26T00:20:00+01:00', zone: AMS, scenario: 'commuter', dstHours: 25 },
  { name: 'la-spring', at: '2026-03-09T00:20:00-07:00', zone: LA, scenario: 'two-cars', dstHours: 23 },
  { name: 'la-autumn', at: '2026-11-02T00:20:00-08:00', zone: LA, scenario: 'two-cars', dstHours: 25 },
];
const KWH = /^\d[\d,]*\.\d kWh$/;
const dateLabel = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
const port = Number(process.env.E2E_PORT ?? 3210) + 10;

async function ownerPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await signIn(page);
  return page;
}

MOMENTS.forEach((m, i) => {
  test.describe(`at ${m.at} (${m.zone})`, () => {
    let server: MomentServer;
    let page: Page;
    const today = localDate(new Date(m.at), m.zone);
    const yesterday = addDays(today, -1);
    const minuteOfDay = localParts(new Date(m.at), m.zone).minuteOfDay;

    test.beforeAll(async ({ browser }) => {
      // Seeding, migrations and a cold server: more than a hook's default 30 s on a loaded machine.
      test.setTimeout(150_000);
      server = await startMomentServer({ at: m.at, scenario: m.scenario, days: 3, port: port + i, name: m.name });
      page = await ownerPage(browser, server.baseURL);
    });
    test.afterAll(async () => {
      await page?.context().close();
      await server?.stop();
    });

    test('the dashboard shows today so far, provisional, and since-when in the right day', async () => {
      const problems = watchProblems(page);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.goto('/');
        const note = page.getByTestId('today-note');
        await expect(note.locator('time')).toHaveAttribute('datetime', today);
        await expect(note).toContainText(`${dateLabel(today)} so far`);
        await expect(note).toHaveAttribute('data-complete', 'false');
        await expect(note).toContainText(/Provisional: (the Powerwall's history to \d\d:\d\d, then )?live readings to \d\d:\d\d\./);
        for (const id of ['today-solar', 'today-home', 'today-grid-in', 'today-grid-out'])
          await expect(page.getByTestId(id)).toHaveText(KWH);
        // An hour into the day the house has used something; at 00:05 it may still read 0.0.
        if (minuteOfDay >= 60)
          expect(Number((await page.getByTestId('today-home').textContent())!.replace(/[^\d.]/g, ''))).toBeGreaterThan(0);
        await expect(page.getByRole('link', { name: 'History' }).first()).toHaveAttribute('href', `/energy?view=day&date=${today}`);
        // "since 23:40" only when that was today; an earlier day is written out.
        for (const status of await page.getByTestId('vehicle-status').all()) {
          const since = await status.locator('time').getAttribute('datetime');
          if (!since) continue;
          await expect(status.locator('time')).toHaveText(
            localDate(new Date(since), m.zone) === today ? /^since \d\d:\d\d$/ : /^since \d{1,2} \w{3,4} \d{4}, \d\d:\d\d$/,
          );
        }
        await page.screenshot({ path: `test-results/screenshots/moment-${m.name}-dashboard-${size.width}.png`, fullPage: true });
      }
      await page.setViewportSize(SIZES[0]);
      expect(problems).toEqual([]);
    });

    test('the energy page holds today in every view, and the API agrees', async () => {
      const problems = watchProblems(page);
      const period = page.getByTestId('period-label');
      // The default day at both sizes (the phone's last, for the views below).
      for (const size of [...SIZES].reverse()) {
        await page.setViewportSize(size);
        await page.goto('/energy');
        await expect(period).toHaveAttribute('data-from', today);
        await expect(page.getByTestId('totals-empty')).toHaveCount(0);
        await expect(page.getByTestId('total-home')).toHaveText(KWH);
        await expect(page.getByTestId('panel-totals')).toContainText('Today is provisional');
      }
      const siteId = await page.getByTestId('site-name').getAttribute('data-site-id');
      const history = await (await page.request.get(`/api/energy/sites/${siteId}/history?period=day&from=${today}&to=${today}`)).json();
      expect(history.periods).toHaveLength(1);
      expect(await valueOf(page, 'total-home')).toBe(history.periods[0].homeConsumedKwh);
      expect(history.periods[0].completeDays).toBe(0);

      // The week, month and year around today, on their first day too.
      const starts = { week: weekStart(today), month: `${today.slice(0, 7)}-01`, year: `${today.slice(0, 4)}-01-01` };
      for (const view of ['week', 'month', 'year'] as const) {
        await page.goto(`/energy?view=${view}`);
        await expect(period).toHaveAttribute('data-from', starts[view]);
        await expect(page.getByTestId('totals-empty')).toHaveCount(0);
        await expect(page.getByTestId('total-home')).toHaveText(KWH);
        const api = await (await page.request.get(`/api/energy/solar/stats?site=${siteId}&from=${starts[view]}&to=${today}`)).json();
        expect(await valueOf(page, 'total-home'), view).toBe(api.homeConsumedKwh);
      }

      // Yesterday: complete once Tesla's history for it is read (15 minutes after midnight), said otherwise.
      await page.goto(`/energy?view=day&date=${yesterday}`);
      await expect(period).toHaveAttribute('data-from', yesterday);
      await expect(page.getByTestId('total-home')).toHaveText(KWH);
      const totals = page.getByTestId('panel-totals');
      if (minuteOfDay < 15) await expect(totals).toContainText('One earlier day is provisional');
      else await expect(totals).not.toContainText('provisional');
      if (m.dstHours) {
        // The day of the change, from its own midnight to the next: 23 or 25 hours of 5-minute history.
        const day = dayOf(yesterday, m.zone);
        expect((day.end.getTime() - day.start.getTime()) / 3_600_000).toBe(m.dstHours);
        await expect(page.getByTestId('chart-day-sources')).toHaveAttribute('data-points', String(m.dstHours * 12));
      }
      await page.screenshot({ path: `test-results/screenshots/moment-${m.name}-energy-yesterday.png`, fullPage: true });
      expect(problems).toEqual([]);
    });

    test('the charging months end with this one, zero or not', async () => {
      const problems = watchProblems(page);
      await page.goto('/charging');
      // "By month" starts at the first month with a charge (3 days of history here: one or two
      // months), and its newest row is this month, even with nothing charged in it yet.
      const month = today.slice(0, 7);
      await expect(page.getByTestId('month-row').first()).toHaveAttribute('data-month', month);
      expect(await page.getByTestId('month-row').count()).toBeLessThanOrEqual(2);
      await expect(page.getByTestId(`month-kwh-${month}`)).toHaveText(KWH);
      const stats = await (
        await page.request.get(`/api/charging/stats?period=month&from=${month}-01&tz=${encodeURIComponent(m.zone)}`)
      ).json();
      const api = stats.periods.find((p: { period: string }) => p.period === `${month}-01`);
      expect(await valueOf(page, `month-kwh-${month}`)).toBe(api?.energyAddedKwh ?? 0);
      expect(problems).toEqual([]);
    });
  });
});
