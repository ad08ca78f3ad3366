import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError } from './dataDirLock.ts';
import { describeProcess, type LockOwner } from './lockOwner.ts';
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

  /** A lock as a server that has just crashed leaves it: fresh (refreshed a moment ago) and naming its owner. */
  async function leaveFreshLock(owner: LockOwner) {
    await mkdir(path.join(dir, 'baton.lock'));
    await writeFile(path.join(dir, 'baton.lock.owner'), JSON.stringify(owner));
  }

  it('When the server holding the lock crashed a moment ago, then the next one takes the lock over at once and says so', async () => {
    const ended = spawnSync(process.execPath, ['-e', '']).pid!;
    await leaveFreshLock({ ...describeProcess(process.pid), pid: ended, startedAt: '1' });
    const taken: LockOwner[] = [];
    const store = await openStore(dir, { onStaleLockTaken: (owner) => taken.push(owner) });
    expect(taken.map((owner) => owner.pid)).toEqual([ended]);
    await store.close();
  });

  it("When the crashed server's process id now belongs to another process, then its lock is taken over all the same", async () => {
    // After a container restart the new server often gets the very process id the old one had.
    await leaveFreshLock({ ...describeProcess(process.pid), startedAt: 'an earlier start' });
    const store = await openStore(dir);
    await store.close();
  });

  it('When the lock belongs to a server on another machine, then it is not taken over while it is fresh', async () => {
    await leaveFreshLock({ ...describeProcess(process.pid), pid: 999_999, host: 'another-machine' });
    await expect(openStore(dir)).rejects.toBeInstanceOf(DataDirLockedError);
  });

  it('When a crash left temporary files of an unfinished save, then opening removes them and keeps the saved data', async () => {
    const first = await openStore(dir);
    await first.flows.create(testFlow('billing'));
    await first.close();
    await writeFile(path.join(dir, '.baton.json.4242.7.tmp'), '{"half": ');
    await writeFile(path.join(dir, '.baton.json.4243.1.tmp'), '');
    const removed: number[] = [];
    const second = await openStore(dir, { onLeftoversRemoved: (count) => removed.push(count) });
    expect(removed).toEqual([2]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(second.flows.get('billing')?.version).toBe(1);
    await second.close();
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
