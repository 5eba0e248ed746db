import { hostname } from 'node:os';
import { existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';

/**
 * One process per PGlite folder. Two processes on one folder lose data silently or leave it
 * unopenable, and PGlite does not warn (see STACK.md). The holder writes `<dir>.lock` with its pid;
 * anyone else gets PgliteLockedError. A lock whose process is gone is stale and is taken over.
 */
export class PgliteLockedError extends Error {
  override name = 'PgliteLockedError';
  constructor(
    readonly dir: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded database folder ${dir} is in use by another process (pid ${holderPid}). ` +
        'PGlite must never be opened by two processes at once: stop that server first, ' +
        'or give this command its own folder with PGLITE_DIR, or use a Postgres server with DATABASE_URL.',
    );
  }
}

type LockInfo = { pid: number; host: string; since: string };

const lockPath = (dir: string) => `${dir.replace(/[\\/]+$/, '')}.lock`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Takes the lock for `dir` or throws PgliteLockedError. Returns the release function. */
export function acquirePgliteLock(dir: string): () => void {
  const file = lockPath(dir);
  // eslint-disable-next-line no-restricted-syntax -- the lock file records when this process took it (wall clock, for people)
  const mine: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(mine));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(tmp, file); // atomic create-if-absent
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = readLock(file);
        if (holder && holder.pid === process.pid) break;
        if (holder && holder.host === mine.host && isAlive(holder.pid)) throw new PgliteLockedError(dir, holder.pid);
        unlinkSync(file); // stale: its process is gone
        if (attempt === 1) throw new PgliteLockedError(dir, holder?.pid ?? -1);
      }
    }
  } finally {
    unlinkSync(tmp);
  }
  const release = () => {
    if (existsSync(file) && readLock(file)?.pid === process.pid) unlinkSync(file);
    process.off('exit', release);
  };
  process.on('exit', release);
  return release;
}
