import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError } from './dataDirLock.ts';
import { CorruptDataFileError } from './DurableJsonFile.ts';
import { openStore } from './openStore.ts';
import { testFlow } from './testFlow.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'baton-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('data directory lock', () => {
  it('When a second store opens the same directory, then it is refused until the first is closed', async () => {
    const first = await openStore(dir);
    const second = openStore(dir);
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(
      `Another Baton server is already using the data directory ${dir}. Stop it, or set BATON_DATA_DIR to another directory.`,
    );
    await first.close();
    const again = await openStore(dir);
    await again.close();
  });

  it('When a crashed process left a stale lock, then the store still opens', async () => {
    const lock = path.join(dir, 'baton.lock');
    await mkdir(lock);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo);
    const store = await openStore(dir);
    await store.close();
  });

  it('When a store is closed and reopened, then its flows are still there', async () => {
    const first = await openStore(dir);
    await first.flows.create(testFlow('billing'));
    await first.close();
    const second = await openStore(dir);
    expect(second.flows.get('billing')?.version).toBe(1);
    await second.close();
  });

  it('When baton.json is corrupt, then opening fails clearly, leaves the file alone and releases the lock', async () => {
    const file = path.join(dir, 'baton.json');
    await writeFile(file, 'not json');
    await expect(openStore(dir)).rejects.toBeInstanceOf(CorruptDataFileError);
    expect(await readFile(file, 'utf8')).toBe('not json');
    await writeFile(file, '{}');
    const store = await openStore(dir);
    expect(store.flows.isEmpty()).toBe(true);
    await store.close();
  });
});
