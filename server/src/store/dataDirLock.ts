import path from 'node:path';
import lockfile from 'proper-lockfile';

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
}

/**
 * Locks `dataDir` (which must exist) for this process and returns the function that releases it.
 * The lock's mtime is refreshed while held, so a lock left by a crashed process goes stale after ~10 s
 * instead of blocking every later start.
 */
export async function acquireDataDirLock(
  dataDir: string,
  options: DataDirLockOptions = {},
): Promise<() => Promise<void>> {
  const dir = path.resolve(dataDir);
  const onCompromised =
    options.onCompromised ??
    ((error: Error) => console.error(`Baton lost its lock on the data directory ${dir}: ${error.message}`));
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: path.join(dir, 'baton.lock'),
      stale: 10_000,
      // proper-lockfile's default throws from a timer, which would take the whole server down.
      onCompromised,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dir);
    throw error;
  }
  return async () => {
    try {
      await release();
    } catch (error) {
      // After a compromise (or a second release) the lock is already gone; that is not a failed shutdown.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ERELEASED' && code !== 'ENOTACQUIRED') throw error;
    }
  };
}
