import { expect, test } from '@playwright/test';
import { signIn, watchProblems } from './helpers';

/**
 * The OAuth connect flow in a real browser against the built app in demo mode: /api/tesla/connect
 * → the simulated Tesla authorize page (consents at once) → /api/tesla/callback (state + PKCE
 * checked, tokens stored, region discovered) → /settings/tesla?tesla=connected.
 */
test('Connect with Tesla completes the OAuth round trip and lands on the Tesla connection settings', async ({ page }) => {
  const problems = watchProblems(page);
  await signIn(page);
  const hops: string[] = [];
  page.on('response', (r) => r.status() >= 300 && r.status() < 400 && hops.push(new URL(r.url()).pathname));
  await page.goto('/api/tesla/connect');
  await expect(page).toHaveURL(/\/settings\/tesla\?tesla=connected$/);
  expect(hops).toEqual(['/api/tesla/connect', '/api/tesla/simulator/authorize', '/api/tesla/callback']);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  const status = await page.request.get('/api/tesla/status?check=true');
  expect(status.status()).toBe(200);
  const report = (await status.json()) as { connected: boolean; region: string; steps: { id: string; state: string }[] };
  expect(report.connected).toBe(true);
  expect(report.region).toBe('eu');
  expect(Object.fromEntries(report.steps.map((s) => [s.id, s.state]))).toMatchObject({
    client: 'ok',
    account: 'ok',
    scopes: 'ok',
    partner: 'ok',
  });

  // The OAuth cookie is gone after the callback, so replaying the callback URL is refused.
  const forged = await page.request.get('/api/tesla/callback?code=EU_0123&state=forged-state', { maxRedirects: 0 });
  expect(forged.status()).toBe(400);
  expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('invalid_oauth_state');
  const key = await page.request.get('/.well-known/appspecific/com.tesla.3p.public-key.pem');
  expect(key.status()).toBe(404);
  expect(problems).toEqual([]);
});
