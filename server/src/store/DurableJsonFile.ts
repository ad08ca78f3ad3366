import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/** The data file exists but cannot be read as JSON; starting empty over it would lose real data. */
export class CorruptDataFileError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `The data file ${file} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)}). ` +
        'Baton will not start over it with an empty store: restore it from a backup, or move it aside to start fresh.',
      { cause },
    );
    this.name = 'CorruptDataFileError';
  }
}

let tempCounter = 0;

/**
 * A lowdb adapter whose `write` resolves only once the data would survive a power cut: lowdb's own
 * JSONFile renames without fsync, so an acknowledged save could vanish or come back empty.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  // Writes run one at a time so an older snapshot can never be renamed over a newer one.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new CorruptDataFileError(this.file, error);
    }
  }

  /**
   * Removes the temporary files of writes that a crash interrupted (they never replaced the file, so nothing in them
   * was acknowledged). Only the holder of the data directory's lock may call it: another server's write may be under way.
   */
  removeLeftovers(): Promise<number> {
    return removeLeftovers(this.file);
  }

  write(data: T): Promise<void> {
    // Serialised now, so changes the caller makes to `data` after calling write are not saved by surprise.
    const text = JSON.stringify(data, null, 2);
    const run = this.queue.then(() => this.writeNow(text));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private writeNow(text: string): Promise<void> {
    return replaceFileDurably(this.file, text);
  }
}

/** Removes the temporary files that interrupted `replaceFileDurably` calls left beside `file`; resolves to how many. */
export async function removeLeftovers(file: string): Promise<number> {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  const leftovers = (await readdir(dir)).filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'));
  await Promise.all(leftovers.map((name) => unlink(path.join(dir, name)).catch(() => undefined)));
  return leftovers.length;
}

/** Replaces `file` with `text` so that a crash leaves either the old file or the new one whole, never a mix. */
export async function replaceFileDurably(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  // Same directory as the target: rename is only atomic within one file system.
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++tempCounter}.tmp`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable; without it a crash can bring back the old directory entry. */
async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync, and NTFS journals the rename anyway.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
