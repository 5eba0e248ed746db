import { expect, test, type Page } from '@playwright/test';
import { SIZES } from './checks';
import { signIn } from './helpers';

/**
 * Issue 21 item 3, one pricing basis: a polled session and a Wall Connector session are both priced
 * on energy from the wall (metered, measured, or estimated from energy added, and said so), so a
 * kWh at the same night rate costs the same in both. On the seeded demo: its home tariff's night
 * period holds the nightly charges at home; today's is still polled (the Wall Connector's history
 * for today is read tomorrow), the earlier ones are Wall Connector sessions.
 */

type ApiSession = {
  id: string;
  source: string;
  startedAt: string;
  endedAt: string | null;
  location: { id: string | null };
  cost: { amount: number; amountWithoutSolar: number | null; currency: string } | null;
};
type Period = { days: number[]; from: string; to: string; pricePerKwh: number };
type Tariff = { id: string; kind: string; pricePerKwh: number; periods: Period[]; sessionFee: number };

/** Weekday (0 = Sunday) and "HH:MM" of an instant in `zone`. */
function local(iso: string, zone: string): { day: number; date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!);
  return { day, date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The price of the one tariff period holding the whole session (same local day), or null. */
function flatRateOf(s: ApiSession, tariff: Tariff, zone: string): number | null {
  if (!s.endedAt) return null;
  const a = local(s.startedAt, zone);
  const b = local(s.endedAt, zone);
  if (a.date !== b.date) return null;
  const period = tariff.periods.find((p) => p.days.includes(a.day) && p.from <= a.time && b.time < p.to);
  return period?.pricePerKwh ?? null;
}

async function pricedSessions(page: Page) {
  const { settings } = await (await page.request.get('/api/settings')).json();
  const zone: string = settings.timeZone;
  const { tariffs } = (await (await page.request.get('/api/tariffs')).json()) as { tariffs: Tariff[] };
  const { locations } = (await (await page.request.get('/api/locations')).json()) as {
    locations: { id: string; tariffId: string | null }[];
  };
  const { sessions } = (await (await page.request.get('/api/charging/sessions?limit=200')).json()) as { sessions: ApiSession[] };
  return sessions.flatMap((s) => {
    const tariffId = locations.find((l) => l.id === s.location.id)?.tariffId;
    const tariff = tariffs.find((t) => t.id === tariffId);
    const rate = tariff && s.cost ? flatRateOf(s, tariff, zone) : null;
    return rate !== null && tariff!.sessionFee === 0 ? [{ session: s, rate }] : [];
  });
}

/** On the session's page: the basis is stated, and its cost before the solar credit is the rate × the priced kWh. */
async function expectPricedOnTheWall(page: Page, s: ApiSession, rate: number, says: RegExp) {
  await page.goto(`/charging/${s.id}`);
  const basis = page.getByTestId('session-pricing-basis');
  await expect(basis).toBeVisible();
  await expect(basis).toContainText(says);
  const kwh = Number(await basis.getAttribute('data-value'));
  expect(kwh).toBeGreaterThan(0);
  await expect(basis).toContainText(`Priced on ${kwh.toFixed(1)} kWh from the wall`);
  const cost = Number(await page.getByTestId('session-cost-without-solar').getAttribute('data-value'));
  // Rounded to cents once: within half a cent of every kWh at the period's rate.
  expect(Math.abs(cost - rate * kwh), `${s.source} ${cost} for ${kwh} kWh at ${rate}`).toBeLessThanOrEqual(0.0051);
  const perKwh = Number(await page.getByTestId('session-cost-per-kwh').getAttribute('data-value'));
  expect(perKwh).toBeCloseTo(rate, 3);
  // Short enough for the page: the statement never runs past the viewport.
  const box = (await basis.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  return kwh;
}

/** In the sessions list, the row's cost names the same kWh. */
async function expectListSays(page: Page, s: ApiSession, kwh: number, says: RegExp) {
  await page.goto(`/charging?period=all&source=${s.source}`);
  const row = page.locator(`[data-testid="session-row"][data-session-id="${s.id}"]`);
  const basis = row.getByTestId('session-row-basis');
  await expect(basis).toBeVisible();
  await expect(basis).toContainText(says);
  expect(Number(await basis.getAttribute('data-value'))).toBe(kwh);
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('a polled and a Wall Connector session are priced on energy from the wall, at the same rate per kWh', async ({ page }) => {
      await signIn(page);
      const priced = await pricedSessions(page);
      const polled = priced.find((p) => p.session.source === 'polled');
      const wall = priced.find((p) => p.session.source === 'wall_connector' && p.rate === polled?.rate);
      expect(polled, 'a priced polled session inside one tariff period').toBeDefined();
      expect(wall, 'a Wall Connector session in a period of the same rate').toBeDefined();

      // The demo's polled sessions are sparsely sampled: their wall energy is estimated, and the page says how.
      const polledKwh = await expectPricedOnTheWall(
        page,
        polled!.session,
        polled!.rate,
        /estimated: [\d.]+ kWh added ÷ \d+ % charging efficiency/,
      );
      const wallKwh = await expectPricedOnTheWall(page, wall!.session, wall!.rate, /as the Wall Connector metered it/);

      await expectListSays(page, polled!.session, polledKwh, /on ≈ [\d.]+ kWh from the wall \(estimated\)/);
      await expect(page.getByTestId('sessions-estimated-basis')).toContainText('energy added ÷ a typical charging efficiency');
      await expectListSays(page, wall!.session, wallKwh, /^on [\d.]+ kWh from the wall$/);
    });
  });
}
