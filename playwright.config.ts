import { defineConfig, devices } from '@playwright/test';
import { testClockSetting } from './tests/setup/test-clock';

/**
 * End-to-end tests drive the real built app (`npm start`) in Debian's Chromium (/usr/bin/chromium,
 * never a downloaded browser). The app runs on embedded PGlite in its own folder, and also on a real
 * Postgres server when E2E_DATABASE_URL is set (CI sets it). Everything runs at one explicit moment:
 * the runner, its workers, the seed and the servers share TESSIE_CLOCK (tests/setup/test-clock.ts);
 * the time-of-day spec starts its own servers at other moments.
 */
process.env.TESSIE_CLOCK = testClockSetting();
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

type Target = { name: string; port: number; env: Record<string, string> };
// E2E_PORT moves both servers (several checkouts can run their e2e at once).
const port = Number(process.env.E2E_PORT ?? 3210);
const targets: Target[] = [{ name: 'pglite', port, env: { DATA_DIR: '.data/e2e-pglite' } }];
if (process.env.E2E_DATABASE_URL) {
  targets.push({ name: 'postgres', port: port + 1, env: { DATA_DIR: '.data/e2e-postgres', DATABASE_URL: process.env.E2E_DATABASE_URL } });
}

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Room for a loaded 2-core machine (a page with its axe scan took 32 s at load 15); speed is
  // measured by the benchmarks, never by a test's timeout.
  timeout: 90_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
  projects: targets.map((t) => ({
    name: t.name,
    use: { ...chromium, baseURL: `http://localhost:${t.port}` },
    // Run once, not against each of these two: the specs with servers of their own (PGlite), and the
    // front-end ones (Lighthouse, the layout check, the shell, the first-hour and first-run walks and the time-zone walk: navigation,
    // return paths, 404 pages, the demo band). What those pages read from the database is checked
    // on both drivers by the pages-*, charging, energy, drivers and settings specs; the time-zone walk's
    // API contract by tests/integration/api/time-zone-change.test.ts on both drivers.
    ...(t.name === 'pglite'
      ? {}
      : {
          testIgnore: /(time-of-day|tesla-account-limits|lighthouse|phone-layout|shell|first-hour|first-hour-zones|first-run)\.spec\.ts/,
          // The phone size is a layout of the same figures: on this server the specs run at 1440×900 only.
          grepInvert: /at 375×812/,
        }),
  })),
  webServer: targets.map((t) => ({
    // A fresh data folder, seeded by a separate step before the server opens it (never concurrently).
    // The build is made beforehand (npm run test:e2e / npm test), so two servers never build at once.
    command: `rm -rf ${t.env.DATA_DIR} && node --conditions=react-server --import tsx tests/e2e/seed.ts && node node_modules/next/dist/bin/next start -p ${t.port}`,
    url: `http://localhost:${t.port}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'pipe',
    env: { ...t.env, PORT: String(t.port), NEXT_TELEMETRY_DISABLED: '1', E2E_TARGET: t.name, SYNC_INTERVAL_SECONDS: '0' },
  })),
});
