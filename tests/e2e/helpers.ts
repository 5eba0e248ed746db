import { chromium, expect, type BrowserContext, type BrowserContextOptions, type Page, type TestInfo } from '@playwright/test';

/** The owner password 01-home.spec.ts sets on the first visit; the later specs sign in with it. */
export const PASSWORD = 'correct horse battery';

/** Collects console errors, failed requests and HTTP errors of a page (except URLs or messages `allow` matches); expect it to stay empty. */
export function watchProblems(page: Page, allow: RegExp[] = []) {
  const problems: string[] = [];
  page.on(
    'console',
    (m) =>
      m.type() === 'error' && !allow.some((a) => a.test(m.text()) || a.test(m.location().url)) && problems.push(`console: ${m.text()}`),
  );
  // A navigation that supersedes a request aborts it (ERR_ABORTED): that is not a failure.
  page.on(
    'requestfailed',
    (r) =>
      r.failure()?.errorText !== 'net::ERR_ABORTED' &&
      !allow.some((a) => a.test(r.url())) &&
      problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`),
  );
  page.on('response', (r) => r.status() >= 400 && !allow.some((a) => a.test(r.url())) && problems.push(`${r.status()}: ${r.url()}`));
  return problems;
}

/** Signs the owner in (setting the password first if this server has never been set up). */
export async function signIn(page: Page) {
  await page.goto('/login');
  if (new URL(page.url()).pathname === '/setup') {
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat the password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password and continue' }).click();
  } else {
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  // A server's first sign-in hashes the password and renders the dashboard cold: more than expect's 5 s on a busy machine.
  await expect(page.getByRole('heading', { name: 'Tessie Stats', level: 1, exact: true })).toBeVisible({ timeout: 20_000 });
}

/** Waits until the service worker controls the page and has saved `path` (the page's HTML). */
export async function waitForSavedPage(page: Page, path: string) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The worker claims open pages when it activates; on a busy machine that can lag behind `ready`,
  // and a page loaded after activation is controlled from the start.
  const controlled = () => page.evaluate(() => Boolean(navigator.serviceWorker.controller));
  if (!(await controlled())) await page.waitForTimeout(2_000);
  if (!(await controlled())) await page.reload();
  await expect.poll(controlled, { timeout: 15_000 }).toBe(true);
  await expect.poll(() => page.evaluate(async (p) => Boolean(await caches.match(p)), path), { timeout: 15_000 }).toBe(true);
}

/**
 * Runs `body` in a Chromium of the test's own, which is closed in the test's time and killed if it
 * has not closed within 20 s. For the offline tests: after offline navigations through the service
 * worker, closing the shared browser's context once hung for 4.5 minutes in Playwright's teardown
 * (CI of 7 Dec 2026, security.spec.ts on the Postgres server, after every assertion had passed),
 * and a wedged context would stall every later test of the worker. The app is not involved: its
 * pages had answered, and the same test passed on the other server in the same run.
 */
export async function withOwnBrowser(info: TestInfo, options: BrowserContextOptions, body: (context: BrowserContext) => Promise<void>) {
  const server = await chromium.launchServer(info.project.use.launchOptions);
  try {
    const browser = await chromium.connect(server.wsEndpoint());
    const context = await browser.newContext(options);
    await body(context);
  } finally {
    const closed = server.close().then(() => true);
    const timedOut = new Promise<false>((resolve) => setTimeout(() => resolve(false), 20_000).unref());
    if (!(await Promise.race([closed, timedOut]))) {
      info.annotations.push({ type: 'browser-close', description: 'the own Chromium did not close within 20 s and was killed' });
      await server.kill();
    }
  }
}
