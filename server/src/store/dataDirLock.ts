import { readFile, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { describeProcess, isSameProcessGone, type LockOwner } from './lockOwner.ts';

/** Two servers writing one lowdb file would silently overwrite each other's saves. */
export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Another Baton server is already using the data directory ${dataDir}. Stop it, or set BATON_DATA_DIR to another directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLockOptions {
  /** Called if the lock is lost while held (e.g. the lock file was removed or the event loop stalled past `stale`). */
  onCompromised?: (error: Error) => void;
  /** Called when the lock was left by a server that is no longer running (crashed, killed) and this one took it over. */
  onStaleLockTaken?: (owner: LockOwner) => void;
}

const LOCK_NAME = 'baton.lock';
/** Beside the lock directory, not in it: proper-lockfile removes the lock with rmdir, which needs it empty. */
const OWNER_NAME = 'baton.lock.owner';

/**
 * Locks `dataDir` (which must exist) for this process and returns the function that releases it.
 * The lock names its owner (process id, when that process started, the machine and its boot): a lock whose owner is
 * provably gone is taken over at once, so a supervisor's immediate restart after a crash works. A lock whose owner
 * cannot be checked (another machine sharing the directory) goes stale only after ~10 s without a refresh.
 */
export async function acquireDataDirLock(
  dataDir: string,
  options: DataDirLockOptions = {},
): Promise<() => Promise<void>> {
  const dir = path.resolve(dataDir);
  const lockPath = path.join(dir, LOCK_NAME);
  const ownerPath = path.join(dir, OWNER_NAME);
  const onCompromised =
    options.onCompromised ??
    ((error: Error) => console.error(`Baton lost its lock on the data directory ${dir}: ${error.message}`));
  const lock = () =>
    lockfile.lock(dir, {
      lockfilePath: lockPath,
      stale: 10_000,
      // proper-lockfile's default throws from a timer, which would take the whole server down.
      onCompromised,
    });
  let release: () => Promise<void>;
  try {
    release = await lock();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const owner = await takeOverIfOwnerGone(lockPath, ownerPath);
    if (!owner) throw new DataDirLockedError(dir);
    try {
      release = await lock();
    } catch (again) {
      // Another server took it over in the same moment.
      if ((again as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dir);
      throw again;
    }
    options.onStaleLockTaken?.(owner);
  }
  await writeFile(ownerPath, JSON.stringify(describeProcess(process.pid)));
  return async () => {
    await unlink(ownerPath).catch(() => undefined);
    try {
      await release();
    } catch (error) {
      // After a compromise (or a second release) the lock is already gone; that is not a failed shutdown.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ERELEASED' && code !== 'ENOTACQUIRED') throw error;
    }
  };
}

/** Removes the lock if the process that holds it has ended; returns that owner, or undefined if the lock stays. */
async function takeOverIfOwnerGone(lockPath: string, ownerPath: string): Promise<LockOwner | undefined> {
  const lockBefore = await stat(lockPath).catch(() => undefined);
  const owner = await readFile(ownerPath, 'utf8')
    .then((text) => JSON.parse(text) as LockOwner)
    .catch(() => undefined);
  if (!owner || !isSameProcessGone(owner, os.hostname())) return undefined;
  // A lock refreshed since we looked is someone's live lock (a server that took over a moment ago): leave it.
  const lockNow = await stat(lockPath).catch(() => undefined);
  if (lockBefore && lockNow && lockNow.mtimeMs !== lockBefore.mtimeMs) return undefined;
  await rmdir(lockPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  return owner;
}
