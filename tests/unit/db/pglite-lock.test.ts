import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '@/db/client';
import { PgliteLockedError } from '@/db/pglite-lock';

const root = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'tessie-lock-'));
  dirs.push(d);
  return path.join(d, 'pglite');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function run(args: string[], env: Record<string, string>) {
  // node --import tsx keeps it one process, so killing it really kills the holder.
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const done = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, done, output: () => out };
}

describe('one process per PGlite folder', () => {
  it('a second process gets a clear error while the first holds the folder, and data stays intact', async () => {
    const dir = tempDir();
    const holder = createDb({ pgliteDir: dir });
    await holder.db.execute('create table kept (v int)');
    await holder.db.execute('insert into kept values (42)');

    const second = run(['scripts/migrate.ts'], { PGLITE_DIR: dir, DATABASE_URL: '' });
    expect(await second.done).toBe(1);
    expect(second.output()).toContain(`The embedded database folder ${dir} is in use by another process (pid ${process.pid})`);

    await holder.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const reopened = createDb({ pgliteDir: dir });
    const res = (await reopened.db.execute('select v from kept')) as unknown as { rows: Array<{ v: number }> };
    expect(res.rows).toEqual([{ v: 42 }]);
    await reopened.close();
  }, 120_000); // spawns processes that start PGlite: slow on a loaded machine

  it('refuses a folder held by another live process, in this process too', async () => {
    const dir = tempDir();
    const other = run(['tests/fixtures/hold-pglite.ts'], { DIR: dir });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`holder never started: ${other.output()}`)), 60_000);
      other.child.stdout.on('data', () => other.output().includes('HOLDING') && (clearTimeout(timer), resolve()));
    });
    expect(() => createDb({ pgliteDir: dir })).toThrow(PgliteLockedError);
    other.child.kill('SIGKILL');
    await other.done;
    // The holder died without releasing: its lock is stale and is taken over.
    const after = createDb({ pgliteDir: dir });
    await after.db.execute('select 1');
    await after.close();
  }, 120_000); // spawns processes that start PGlite: slow on a loaded machine
});
