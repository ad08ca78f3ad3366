import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { emptyDbData, type DbData } from './DbData.ts';
import { LowdbData, type StoreData } from './StoreData.ts';
import { DurableJsonFile } from './DurableJsonFile.ts';
import { DbFlowRepository } from './DbFlowRepository.ts';
import { testFlow } from './testFlow.ts';

let dir: string;
let repo: DbFlowRepository;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'baton-repo-'));
  repo = new DbFlowRepository(new LowdbData(new DurableJsonFile<DbData>(path.join(dir, 'baton.json')), emptyDbData()));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (error: AppError) => error);

describe('DbFlowRepository', () => {
  it('When flows are created, then get returns them at version 1 and list sorts them by name', async () => {
    expect(repo.isEmpty()).toBe(true);
    await repo.create({ ...testFlow('b', 'Billing'), version: 7 });
    await repo.create(testFlow('a', 'Support'));
    const billing = repo.get('b');
    expect(billing).toMatchObject({ id: 'b', name: 'Billing', version: 1, publishedVersion: null });
    expect(Date.parse(billing!.updatedAt)).not.toBeNaN();
    expect(repo.list().map((f) => f.name)).toEqual(['Billing', 'Support']);
    expect(repo.isEmpty()).toBe(false);
  });

  it('When a flow id is created twice, then the second gets 409 flow_exists', async () => {
    await repo.create(testFlow('a'));
    expect(await rejection(repo.create(testFlow('a')))).toMatchObject({ status: 409, code: 'flow_exists' });
  });

  it('When a flow is updated with the current version, then it is stored with the next version', async () => {
    await repo.create(testFlow('a'));
    const saved = await repo.update('a', { ...testFlow('other-id'), name: 'Renamed' }, 1);
    expect(saved).toMatchObject({ id: 'a', name: 'Renamed', version: 2 });
    expect(repo.get('a')).toMatchObject({ id: 'a', name: 'Renamed', version: 2 });
  });

  it('When a flow is updated with a stale version, then it gets 412 and the stored flow is unchanged', async () => {
    await repo.create(testFlow('a'));
    await repo.update('a', { ...testFlow('a'), name: 'Second' }, 1);
    const error = await rejection(repo.update('a', { ...testFlow('a'), name: 'Lost' }, 1));
    expect(error).toMatchObject({ status: 412, code: 'version_mismatch' });
    expect(error?.message).toContain('since version 1; the current version is 2');
    expect(repo.get('a')).toMatchObject({ name: 'Second', version: 2 });
  });

  it('When a missing flow is updated, published or removed, then it gets 404', async () => {
    for (const attempt of [repo.update('x', testFlow('x'), 1), repo.publish('x'), repo.remove('x')]) {
      expect(await rejection(attempt)).toMatchObject({ status: 404, code: 'not_found' });
    }
  });

  it('When two updates race with the same expected version, then exactly one wins and the other gets 412', async () => {
    await repo.create(testFlow('a'));
    const results = await Promise.allSettled([
      repo.update('a', { ...testFlow('a'), name: 'One' }, 1),
      repo.update('a', { ...testFlow('a'), name: 'Two' }, 1),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.map((r) => (r.reason as AppError).status)).toEqual([412]);
    expect(repo.get('a')?.version).toBe(2);
  });

  it('When a flow is published and its draft edited afterwards, then the snapshot stays as published', async () => {
    await repo.create(testFlow('a', 'Original'));
    const first = await repo.publish('a');
    expect(first).toMatchObject({ flowId: 'a', publishedVersion: 1, draftVersion: 1 });
    first.flow.name = 'Tampered by the caller';
    await repo.update('a', { ...testFlow('a', 'Edited'), nodes: [] }, 1);
    expect(repo.version('a', 1)?.flow).toMatchObject({ name: 'Original', nodes: [{ id: 'start' }] });
    repo.version('a', 1)!.flow.nodes.length = 0;
    expect(repo.version('a', 1)?.flow.nodes).toHaveLength(1);
    await repo.publish('a');
    expect(repo.get('a')?.publishedVersion).toBe(2);
    expect(repo.versions('a')).toEqual([
      { flowId: 'a', publishedVersion: 1, draftVersion: 1, publishedAt: expect.any(String) },
      { flowId: 'a', publishedVersion: 2, draftVersion: 2, publishedAt: expect.any(String) },
    ]);
    expect(repo.version('a', 2)?.flow).toMatchObject({ name: 'Edited', version: 2 });
    expect(repo.version('a', 3)).toBeUndefined();
  });

  it('When a flow is removed, then it and its published versions are gone and the audit log records it', async () => {
    await repo.create(testFlow('a'));
    await repo.publish('a');
    await repo.remove('a');
    expect(repo.get('a')).toBeUndefined();
    expect(repo.versions('a')).toEqual([]);
    const audit = (repo as unknown as { db: StoreData }).db.data.audit;
    expect(audit.map((e) => e.action)).toEqual(['create', 'publish', 'delete']);
  });

  it('When a flow id is "__proto__", then it is stored like any other id', async () => {
    await repo.create(testFlow('__proto__'));
    expect(repo.get('__proto__')?.version).toBe(1);
    expect(repo.get('constructor')).toBeUndefined();
    expect(repo.list()).toHaveLength(1);
  });

  it('When the durable write fails, then memory keeps the old state and later saves still work', async () => {
    let failing = false;
    const adapter: Adapter<DbData> = {
      read: async () => null,
      write: async () => {
        if (failing) throw new Error('disk full');
      },
    };
    const flaky = new DbFlowRepository(new LowdbData(adapter, emptyDbData()));
    await flaky.create(testFlow('a', 'Before'));
    failing = true;
    await expect(flaky.update('a', testFlow('a', 'After'), 1)).rejects.toThrow('disk full');
    await expect(flaky.create(testFlow('b'))).rejects.toThrow('disk full');
    await expect(flaky.publish('a')).rejects.toThrow('disk full');
    expect(flaky.get('a')).toMatchObject({ name: 'Before', version: 1, publishedVersion: null });
    expect(flaky.get('b')).toBeUndefined();
    failing = false;
    expect(await flaky.update('a', testFlow('a', 'After'), 1)).toMatchObject({ version: 2 });
  });

  it('When the draft changed after it was checked for publishing, then publishing that version is refused with 409', async () => {
    await repo.create(testFlow('a'));
    await repo.update('a', testFlow('a', 'Changed'), 1);
    expect(await rejection(repo.publish('a', 1))).toMatchObject({ status: 409, code: 'draft_changed' });
    expect(repo.versions('a')).toEqual([]);
    expect(await repo.publish('a', 2)).toMatchObject({ publishedVersion: 1, draftVersion: 2 });
  });
});
