/**
 * The app's one clock: what "now" is for pages, API routes, the sync, the scheduler and the demo
 * seeding. It is the wall clock unless `TESSIE_CLOCK` names another instant (demo and tests only;
 * refused with `TESLA_MODE=live`):
 *
 * - `TESSIE_CLOCK=2026-03-29T00:05:00+01:00`: the clock reads that instant when the process starts
 *   and runs on in real time from there;
 * - `TESSIE_CLOCK=2026-03-29T00:05:00+01:00@1796000000000`: it read that instant at that wall-clock
 *   moment (epoch ms), so several processes (the e2e seed and its server) share one clock.
 *
 * Wall-clock time is still right for durations (how long a request took) and for log lines; every
 * other "now" in app/, lib/ and db/ comes from here (ESLint refuses `Date.now()` and `new Date()`
 * elsewhere unless a comment says why the wall clock is meant).
 */

export type ClockSetting = { at: number; anchor: number | null };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a `TESSIE_CLOCK` value; undefined when it is not `<ISO 8601 instant with offset>[@<epoch ms>]`. */
export function parseClockSetting(value: string): ClockSetting | undefined {
  const [instant = '', anchor, ...rest] = value.trim().split('@');
  if (rest.length > 0 || !INSTANT.test(instant)) return undefined;
  const at = Date.parse(instant);
  if (Number.isNaN(at)) return undefined;
  if (anchor === undefined) return { at, anchor: null };
  if (!/^\d{10,15}$/.test(anchor)) return undefined;
  return { at, anchor: Number(anchor) };
}

/** The offset from the wall clock, shared by every copy of this module in the process (bundles may load it twice). */
const g = globalThis as typeof globalThis & { __tessieClock?: { offsetMs: number; frozenAt: number | null } };

function state(): { offsetMs: number; frozenAt: number | null } {
  if (!g.__tessieClock) {
    const raw = process.env.TESSIE_CLOCK;
    const setting = raw ? parseClockSetting(raw) : undefined;
    // eslint-disable-next-line no-restricted-syntax -- the wall clock this clock is measured against
    const wall = Date.now();
    g.__tessieClock = { offsetMs: setting ? setting.at - (setting.anchor ?? wall) : 0, frozenAt: null };
  }
  return g.__tessieClock;
}

export const clock = {
  /** Now, in epoch ms. */
  ms(): number {
    const s = state();
    // eslint-disable-next-line no-restricted-syntax -- the wall clock this clock is measured against
    return s.frozenAt ?? Date.now() + s.offsetMs;
  },
  /** Now, as a Date. */
  now(): Date {
    return new Date(clock.ms());
  },
  /** Whether the clock differs from the wall clock (TESSIE_CLOCK, or a test's `setClock`). */
  isShifted(): boolean {
    const s = state();
    return s.frozenAt !== null || s.offsetMs !== 0;
  },
};

/**
 * Tests: the clock reads `at` now and runs on from there (`frozen`: stays at `at`). Without
 * arguments it returns to the configured clock (TESSIE_CLOCK or the wall clock).
 */
export function setClock(at?: Date | number, opts: { frozen?: boolean } = {}): void {
  if (at === undefined) {
    g.__tessieClock = undefined;
    return;
  }
  const ms = typeof at === 'number' ? at : at.getTime();
  // eslint-disable-next-line no-restricted-syntax -- the wall clock this clock is measured against
  g.__tessieClock = opts.frozen ? { offsetMs: 0, frozenAt: ms } : { offsetMs: ms - Date.now(), frozenAt: null };
}
