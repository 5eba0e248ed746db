import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

/**
 * Every page read on a 375 px phone: nothing sticks out of the viewport (not even inside a region
 * that scrolls sideways), no text is cut off with an ellipsis, and the key figures of each page's
 * first list item are on screen. Runs after 01-home.spec.ts (files run in name order with one
 * worker), which sets the owner password; alone, signIn sets it.
 */
test.describe.configure({ mode: 'serial' });

type Check = { path: string; heading: string; lists: { item: string; figures: string[] }[] };

/** The first session's and first month's cells: date, car, place, energy, cost, solar share; month, energy, cost, solar share. */
const SESSION = ['td:nth-child(1)', 'td:nth-child(2)', 'td:nth-child(3)', 'td:nth-child(6)', 'td:nth-child(7)', 'td:nth-child(8)'];
const MONTH = ['th', 'td:nth-child(3)', 'td:nth-child(4)', 'td:nth-child(7)'];

const PAGES: Check[] = [
  {
    path: '/',
    heading: 'Tessie Stats',
    lists: [{ item: '[data-testid="latest-charge"]', figures: ['a', '[data-testid="latest-charge-kwh"]'] }],
  },
  {
    path: '/charging',
    heading: 'Charging',
    lists: [
      { item: '[data-testid="session-row"]', figures: SESSION },
      { item: '[data-testid="month-row"]', figures: MONTH },
    ],
  },
  {
    path: 'first-session',
    heading: '',
    lists: [{ item: 'main', figures: ['[data-testid="session-kwh"]', '[data-testid="session-cost"]', '[data-testid="split-share"]'] }],
  },
  {
    path: '/energy',
    heading: 'Energy',
    lists: [{ item: 'main', figures: ['[data-testid="total-solar"]', '[data-testid="total-grid-import"]'] }],
  },
  {
    path: '/vehicles',
    heading: 'Vehicles',
    lists: [{ item: '[data-testid="vehicle-card"]', figures: ['[data-testid="vehicle-battery"]'] }],
  },
  {
    path: 'first-vehicle',
    heading: '',
    lists: [
      {
        item: 'main',
        figures: ['[data-testid="detail-battery"]', '[data-testid="detail-charging-state"]', '[data-testid="detail-charge-limit"]'],
      },
    ],
  },
  { path: '/drivers', heading: 'Drivers', lists: [{ item: '[data-testid="recent-drive"]', figures: ['p'] }] },
  {
    path: '/settings',
    heading: 'Settings',
    lists: [{ item: 'main', figures: ['a[href="/settings/places"]', 'a[href="/settings/sync"]'] }],
  },
  {
    path: '/settings/tesla',
    heading: 'Settings',
    lists: [{ item: 'main', figures: ['[data-testid="tesla-connection-summary"]'] }],
  },
  { path: '/settings/preferences', heading: 'Settings', lists: [{ item: 'main', figures: ['form'] }] },
  {
    path: '/settings/places',
    heading: 'Settings',
    lists: [
      { item: '[data-testid="tariff"]', figures: ['p'] },
      { item: '[data-testid="place"]', figures: ['p'] },
    ],
  },
  { path: '/settings/sign-in', heading: 'Settings', lists: [{ item: 'main', figures: ['form'] }] },
  { path: '/settings/tokens', heading: 'Settings', lists: [{ item: '[data-testid="token-row"]', figures: ['p'] }] },
  { path: '/settings/sync', heading: 'Settings', lists: [{ item: '[data-testid="sync-history"] li', figures: ['p'] }] },
];

/** Elements sticking out of the viewport sideways, and elements whose text an ellipsis cuts off, described for the failure message. */
function layoutProblems(page: Page, width = 375) {
  return page.evaluate((width) => {
    const describe = (el: Element) =>
      `<${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? ` data-testid=${el.getAttribute('data-testid')}` : ''}> "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const wide: string[] = [];
    const clipped: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      // Map tiles and panes are laid out around the map's own clipped box by Leaflet.
      if (el.closest('.leaflet-container') && !el.classList.contains('leaflet-container')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -1 || r.right > width + 1) wide.push(`${describe(el)} spans ${Math.round(r.left)}–${Math.round(r.right)} px`);
      if (style.textOverflow === 'ellipsis' && style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth) clipped.push(describe(el));
      // A native select cuts its chosen option's text off without an ellipsis: measure the text in
      // the select's font against the box less its padding and Chromium's 20 px drop-down arrow.
      if (el instanceof HTMLSelectElement && el.selectedOptions[0]) {
        const text = el.selectedOptions[0].text;
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
        if (ctx.measureText(text).width > room)
          clipped.push(`<select id=${el.id}> "${text}" (${Math.round(ctx.measureText(text).width)} px in ${Math.round(room)} px)`);
      }
    }
    return { wide: wide.slice(0, 8), clipped: clipped.slice(0, 8) };
  }, width);
}

/** Where a figure is (viewport x range), and whether an ancestor that clips or scrolls sideways hides part of it. */
function placement(page: Page, item: string, figure: string) {
  return page.evaluate(
    ([item, figure]) => {
      const el = document.querySelector(item)?.querySelector(figure);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      let hidden = false;
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflowX === 'visible') continue;
        const b = a.getBoundingClientRect();
        if (r.left < b.left - 1 || r.right > b.right + 1) hidden = true;
      }
      return { left: r.left, right: r.right, width: r.width, hidden, text: (el.textContent ?? '').trim() };
    },
    [item, figure] as const,
  );
}

/** The paths of the seeded demo's first charging session and first car. */
async function pathOf(page: Page, path: string) {
  if (path === 'first-session')
    return `/charging/${(await page.request.get('/api/charging/sessions?limit=1').then((r) => r.json())).sessions[0].id}`;
  if (path === 'first-vehicle') return `/vehicles/${(await page.request.get('/api/vehicles').then((r) => r.json())).vehicles[0].id}`;
  return path;
}

test('every page at 375 px: nothing wider than the screen, no figure cut off, the first item’s key figures on screen', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page);
  // The tokens page needs a token to show one.
  const created = await page.request.post('/api/tokens', {
    data: { name: 'Phone layout', scopes: ['read'] },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(created.status()).toBe(201);
  const failures: string[] = [];
  for (const check of PAGES) {
    const path = await pathOf(page, check.path);
    const response = await page.goto(path);
    if (response?.status() !== 200) {
      failures.push(`${path}: HTTP ${response?.status()}`);
      continue;
    }
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    if (!heading.includes(check.heading)) failures.push(`${path}: the heading is "${heading}", not "${check.heading}"`);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
    for (const list of check.lists) {
      const first = page.locator(list.item).first();
      if (!(await first.isVisible())) {
        failures.push(`${path}: no ${list.item} shown`);
        continue;
      }
      for (const figure of list.figures) {
        const p = await placement(page, list.item, figure);
        if (!p) failures.push(`${path}: ${list.item} has no ${figure}`);
        else if (p.text === '') failures.push(`${path}: ${list.item} ${figure} is empty`);
        else if (p.left < 0 || p.right > 375 + 1 || p.hidden)
          failures.push(
            `${path}: ${list.item} ${figure} "${p.text.slice(0, 30)}" is off screen (${Math.round(p.left)}–${Math.round(p.right)} px)`,
          );
      }
    }
    const { wide, clipped } = await layoutProblems(page);
    for (const w of wide) failures.push(`${path}: wider than the screen: ${w}`);
    for (const c of clipped) failures.push(`${path}: cut off: ${c}`);
  }
  expect(failures).toEqual([]);
});

test('every page at 1440 px: no text cut off with an ellipsis, nothing wider than the screen', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  const failures: string[] = [];
  for (const check of PAGES) {
    const path = await pathOf(page, check.path);
    const response = await page.goto(path);
    if (response?.status() !== 200) {
      failures.push(`${path}: HTTP ${response?.status()}`);
      continue;
    }
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
    // The first item's key figures are in view on a desktop too, not behind a table's sideways scroll.
    for (const list of check.lists) {
      for (const figure of list.figures) {
        const p = await placement(page, list.item, figure);
        if (p && (p.hidden || p.right > 1440 + 1))
          failures.push(
            `${path}: ${list.item} ${figure} "${p.text.slice(0, 30)}" is out of view (${Math.round(p.left)}–${Math.round(p.right)} px)`,
          );
      }
    }
    const { wide, clipped } = await layoutProblems(page, 1440);
    for (const w of wide) failures.push(`${path}: wider than the screen: ${w}`);
    for (const c of clipped) failures.push(`${path}: cut off: ${c}`);
  }
  expect(failures).toEqual([]);
});
