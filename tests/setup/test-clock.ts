/**
 * The moment every test runs at: vitest and the main e2e suite set the app's clock (`TESSIE_CLOCK`,
 * lib/clock) to it, so no test depends on when the suite is run. A Wednesday late morning in the
 * demo owner's zone (Europe/Amsterdam); the time-of-day e2e specs (tests/e2e/time-of-day.spec.ts)
 * cover the hard moments: around midnight, the first of a month and of a year, both DST changes.
 * `TESSIE_CLOCK=<instant> npm test` runs the whole suite at another moment instead.
 */
export const TEST_MOMENT = '2026-12-02T11:00:00+01:00';

/**
 * `TESSIE_CLOCK` for the test processes: the given (or default) instant, anchored to the wall clock
 * now, so every process started from here (vitest workers, the e2e seed and servers, Playwright's
 * workers) reads one clock.
 */
export function testClockSetting(value = process.env.TESSIE_CLOCK): string {
  const instant = value && value !== '' ? value : TEST_MOMENT;
  return instant.includes('@') ? instant : `${instant}@${Date.now()}`;
}
