import { expect, type Page } from '@playwright/test';

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
