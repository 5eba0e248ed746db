import { expect, test, type Page } from '@playwright/test';
import { decimals, expectAccessible as expectNoSeriousAxeViolations, expectNoSideScroll, SIZES } from './checks';
import { signIn, watchProblems } from './helpers';

/** Runs after 01-home.spec.ts (files run in name order with one worker), which sets the owner password. */
test.describe.configure({ mode: 'serial' });
// Long flows on a shared 2-core machine: each step waits on a server round trip and a re-render.
test.setTimeout(120_000);

const KM_PER_MILE = 1.609344;
const number = (s: string | null) => Number((s ?? '').replace(/[^\d.]/g, ''));

async function setDistanceUnit(page: Page, unit: 'km' | 'mi') {
  await page.goto('/settings/preferences');
  await page.getByLabel('Distance unit').selectOption(unit);
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('a driver with a rule gets the matching drives, figures follow, a drive is reassigned by hand, units follow settings', async ({
      page,
    }, info) => {
      const problems = watchProblems(page);
      await signIn(page);
      await page.goto('/drivers');
      await expect(page.getByRole('heading', { level: 1, name: 'Drivers' })).toBeVisible();
      await expect(page.getByText('No drivers yet')).toBeVisible();
      // The seeded demo's drives are listed, none assigned yet.
      const recent = page.getByTestId('recent-drive');
      expect(await recent.count()).toBeGreaterThan(5);
      await expect(page.getByTestId('recent-drive-driver').first()).toHaveText('Nobody (no rule matched)');
      await expectNoSeriousAxeViolations(page);

      // Inline validation with the API's own schema: a window needs both ends.
      const form = page.getByRole('form', { name: 'Add a driver' });
      const name = `Everyday ${size.name}`;
      await form.getByLabel('Name').fill(name);
      await form.getByRole('button', { name: 'Add a rule' }).click();
      await form.getByLabel('To').fill('');
      await form.getByRole('button', { name: 'Add driver' }).click();
      await expect(form.getByText('give both from and to, or neither')).toBeVisible();
      await expect(form.getByRole('alert')).toHaveText('Please correct the marked fields.');

      // Every day, any time, in the demo's car: every drive not assigned by hand is theirs.
      await form.getByLabel('From').fill('');
      for (const day of ['Sun', 'Sat']) await form.getByRole('checkbox', { name: day }).check();
      const car = form.getByLabel('Car');
      await car.selectOption({ index: 1 });
      await form.getByRole('button', { name: 'Add driver' }).click();
      const card = page.getByTestId('driver-card').filter({ hasText: name });
      await expect(card).toBeVisible();
      await expect(card.getByRole('listitem')).toHaveText(/^Sun, Mon, Tue, Wed, Thu, Fri, Sat · .+/);
      const drives = number(await card.getByTestId('driver-drives').textContent());
      expect(drives).toBeGreaterThan(10);
      const km = number(await card.getByTestId('driver-distance').textContent());
      expect(km).toBeGreaterThan(10);
      await expect(card.getByTestId('driver-distance')).toHaveText(/ km$/);
      // The page agrees with the JSON API (same session): drives, km, Wh/km and cost, or "–" where the data has none.
      const driverId = (await page.request.get('/api/drivers').then((r) => r.json())).drivers.find(
        (d: { name: string }) => d.name === name,
      ).id;
      const { totals } = await page.request.get(`/api/drivers/${driverId}/stats`).then((r) => r.json());
      expect(totals.drives).toBe(drives);
      expect(Math.abs(totals.distanceKm - km)).toBeLessThanOrEqual(0.5);
      await expect(card.getByTestId('driver-efficiency')).toHaveText(
        totals.efficiencyWhPerKm === null ? '–' : `${totals.efficiencyWhPerKm} Wh/km`,
      );
      await expect(card.getByTestId('driver-cost')).toHaveText(
        totals.cost === null ? '–' : new RegExp(`^[€$£]${decimals(totals.cost, 2)}$`),
      );
      await expect(page.getByTestId('recent-drive-driver').first()).toHaveText(`${name} (by rule)`);

      // By hand: the newest drive was nobody's; the rules do not take it back, the figures drop by one drive.
      await recent.first().getByRole('combobox').selectOption({ label: 'Nobody (by hand)' });
      await expect(page.getByTestId('recent-drive-driver').first()).toHaveText('Nobody (by hand)');
      await expect(card.getByTestId('driver-drives')).toHaveText(String(drives - 1));
      await recent.first().getByRole('combobox').selectOption({ label: 'By rules' });
      await expect(page.getByTestId('recent-drive-driver').first()).toHaveText(`${name} (by rule)`);
      await expect(card.getByTestId('driver-drives')).toHaveText(String(drives));

      // Editing: a rule for Sundays only leaves fewer drives.
      await card.getByRole('button', { name: `Edit ${name}` }).click();
      const edit = page.getByRole('form', { name: `Edit ${name}` });
      for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']) await edit.getByRole('checkbox', { name: day }).uncheck();
      await edit.getByRole('button', { name: 'Save driver' }).click();
      await expect(card.getByRole('listitem')).toHaveText(/^Sun · /);
      await expect.poll(async () => number(await card.getByTestId('driver-drives').textContent())).toBeLessThan(drives);
      await card.getByRole('button', { name: `Edit ${name}` }).click();
      for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']) await edit.getByRole('checkbox', { name: day }).check();
      await edit.getByRole('button', { name: 'Save driver' }).click();
      await expect(card.getByTestId('driver-drives')).toHaveText(String(drives));

      // Miles: the same distance, converted.
      await setDistanceUnit(page, 'mi');
      await page.goto('/drivers');
      await expect(card.getByTestId('driver-distance')).toHaveText(/ mi$/);
      expect(Math.abs(number(await card.getByTestId('driver-distance').textContent()) - km / KM_PER_MILE)).toBeLessThanOrEqual(1);
      if (totals.efficiencyWhPerKm !== null) await expect(card.getByTestId('driver-efficiency')).toHaveText(/^\d+ Wh\/mi$/);
      await expectNoSideScroll(page, size.width);
      await page.screenshot({ path: `test-results/screenshots/${info.project.name}-${size.name}-drivers.png`, fullPage: true });
      await expectNoSeriousAxeViolations(page);
      await setDistanceUnit(page, 'km');

      // Deleting the driver hands the drives back to the (now absent) rules.
      await page.goto('/drivers');
      page.once('dialog', (d) => d.accept());
      await card.getByRole('button', { name: `Delete ${name}` }).click();
      await expect(page.getByText('No drivers yet')).toBeVisible();
      await expect(page.getByTestId('recent-drive-driver').first()).toHaveText('Nobody (no rule matched)');
      expect(problems).toEqual([]);
    });
  });
}
