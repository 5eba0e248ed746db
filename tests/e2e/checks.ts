import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The phone and desktop sizes every page is checked at. */
export const SIZES = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

/**
 * A Tremor chart (HistoryChart, `data-testid`) is drawn and styled: taller than 100 px, with a bar
 * filled or a curve stroked in a real colour (unstyled Tremor draws `none` or black).
 */
export async function expectStyledChart(page: Page, testId: string) {
  const chart = page.getByTestId(testId);
  await expect(chart).toBeVisible();
  await chart.scrollIntoViewIfNeeded(); // a chart loads when it comes near the viewport (TremorChart)
  const kind = await chart.getAttribute('data-chart');
  const shape = chart
    .locator(kind === 'bar' ? '.recharts-bar-rectangle rect' : kind === 'area' ? 'path.recharts-area-curve' : 'path.recharts-line-curve')
    .first();
  await expect(shape).toBeAttached();
  const box = await chart.locator('.recharts-responsive-container, .recharts-wrapper').first().boundingBox();
  expect(box?.height, `${testId} height`).toBeGreaterThan(100);
  const style = await shape.evaluate((el) => ({ stroke: getComputedStyle(el).stroke, fill: getComputedStyle(el).fill }));
  const paint = kind === 'bar' ? style.fill : style.stroke;
  expect(paint, `${testId} ${kind === 'bar' ? 'fill' : 'stroke'}`).not.toBe('none');
  expect(paint).not.toBe('rgb(0, 0, 0)');
}

/** Nothing sticks out sideways (wide tables scroll inside their own region). */
export async function expectNoSideScroll(page: Page, width: number, message?: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), message).toBeLessThanOrEqual(width);
}

/** axe-core's serious and critical violations on the page as it is, with where they are. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** axe-core: no serious or critical violation on the page as it is. */
export async function expectAccessible(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

/** The number a figure stores in `data-value`. */
export async function valueOf(page: Page, testId: string): Promise<number> {
  const v = await page.getByTestId(testId).first().getAttribute('data-value');
  expect(v, `${testId} has a data-value`).not.toBeNull();
  return Number(v);
}

/**
 * A number as the pages write it: rounded half away from zero on its decimal value (as
 * Intl.NumberFormat does), so 16.45 kWh reads "16.5" where `toFixed(1)` would give "16.4".
 */
export const decimals = (n: number, digits: number) =>
  new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(n);
