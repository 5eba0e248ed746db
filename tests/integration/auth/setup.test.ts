import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

process.env.SYNC_INTERVAL_SECONDS = '0'; // onServerStart below must not start the scheduler in the test process

const hashed = vi.hoisted(() => ({ count: 0 }));
vi.mock('@/lib/auth/password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/auth/password')>();
  return {
    ...actual,
    hashPassword: async (password: string) => {
      hashed.count++;
      return actual.hashPassword(password);
    },
  };
});

const { installDbHandle } = await import('@/db');
const { checkOwnerLogin, isOwnerSetUp, setOwnerPassword } = await import('@/lib/auth/owner');
const { completeSetup } = await import('@/lib/auth/setup');
const { HttpError } = await import('@/lib/http/errors');
const { stampPeerForTests } = await import('@/lib/http/peer-address');
const { setLogSink } = await import('@/lib/log');
const { onServerStart } = await import('@/lib/server-start');
const { openTestDb, testDriver, truncateAll } = await import('../../setup/test-db');
type DbHandle = import('@/db/client').DbHandle;

/**
 * Issue 15, item 2: the first visitor no longer becomes the owner. /setup asks for the setup code
 * printed in the server log at start-up (this machine's own browser excepted), and an install
 * that is set up refuses before hashing anything.
 */
let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
  installDbHandle(h);
});
afterAll(async () => h.close());
beforeEach(async () => {
  await truncateAll(h);
  hashed.count = 0;
});

const PASSWORD = 'correct horse battery';
const stranger = () => new Headers(stampPeerForTests({}, '192.168.1.77'));
const local = () => new Headers(stampPeerForTests({}, '::ffff:127.0.0.1'));
const viaLocalProxy = () => new Headers(stampPeerForTests({ 'x-forwarded-for': '203.0.113.9' }, '127.0.0.1'));

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof HttpError) return `${err.status} ${err.code}`;
    throw err;
  }
}

/** The setup code the server printed in its log at start-up, if it printed one. */
async function codeFromStartupLog(): Promise<string | undefined> {
  const lines: string[] = [];
  const restore = setLogSink((_, line) => lines.push(line));
  try {
    await onServerStart();
  } finally {
    restore();
  }
  return lines.map((l) => /Setup code: ([A-Z0-9-]+)/.exec(l)?.[1]).find(Boolean);
}

describe(`first-run setup on ${testDriver()}`, () => {
  it('asks a visitor from the network for the setup code from the server log; a wrong one counts as a failed login', async () => {
    const code = (await codeFromStartupLog())!;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const input = { password: PASSWORD, confirm: PASSWORD, headers: stranger() };
    expect(await outcome(completeSetup(h.db, { ...input, code: '' }))).toBe('403 wrong_setup_code');
    for (let i = 0; i < 4; i++)
      expect(await outcome(completeSetup(h.db, { ...input, code: `WRNG-CODE-000${i}` }))).toBe('403 wrong_setup_code');
    expect(await outcome(completeSetup(h.db, { ...input, code }))).toBe('429 too_many_attempts'); // 5 failures: the address waits
    expect(await isOwnerSetUp(h.db)).toBe(false);
    expect(hashed.count).toBe(0);

    const other = new Headers(stampPeerForTests({}, '192.168.1.78'));
    expect(await outcome(completeSetup(h.db, { ...input, headers: other, code: code.toLowerCase().replace(/-/g, ' ') }))).toBe('ok');
    expect(await checkOwnerLogin(h.db, { password: PASSWORD, client: 'owner' })).toBe(true);
  });

  it("lets this machine's own browser set up without the code, but not a visitor through a proxy on this machine", async () => {
    expect(await outcome(completeSetup(h.db, { password: PASSWORD, confirm: PASSWORD, code: '', headers: viaLocalProxy() }))).toBe(
      '403 wrong_setup_code',
    );
    expect(await outcome(completeSetup(h.db, { password: PASSWORD, confirm: PASSWORD, code: '', headers: local() }))).toBe('ok');
  });

  it('refuses once set up, before hashing anything (setup page and setOwnerPassword alike)', async () => {
    await setOwnerPassword(h.db, PASSWORD);
    hashed.count = 0;
    expect(await codeFromStartupLog()).toBeUndefined(); // a set-up server prints no code
    expect(await outcome(setOwnerPassword(h.db, 'a takeover attempt'))).toBe('409 already_set_up');
    expect(
      await outcome(completeSetup(h.db, { password: 'a takeover attempt', confirm: 'a takeover attempt', code: '', headers: local() })),
    ).toBe('409 already_set_up');
    expect(hashed.count).toBe(0);
  });
});
