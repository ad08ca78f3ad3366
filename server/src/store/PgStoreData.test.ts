import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningPostgres } from '../../../test/services/postgres.ts';
import { seedExampleFlows } from '../seedExampleFlows.ts';
import { flowsDir } from '../testing/loopbackServer.ts';
import { DbAuditLog } from './audit.ts';
import { DbConversationTestRepository } from './DbConversationTestRepository.ts';
import { DbFlowRepository } from './DbFlowRepository.ts';
import { DbQueueRepository } from './DbQueueRepository.ts';
import { openStore } from './openStore.ts';
import { PgStoreData } from './PgStoreData.ts';
import { testFlow } from './testFlow.ts';
import type { Store } from './types.ts';

let postgres: RunningPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 180_000);
afterAll(() => postgres?.stop());

const opened: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

/** An instance's view of the store: its own copy of the data, kept in step with PostgreSQL. */
async function instance(url: string) {
  const data = await PgStoreData.connect(url);
  opened.push(data);
  return { data, flows: new DbFlowRepository(data), tests: new DbConversationTestRepository(data), queues: new DbQueueRepository(data) };
}

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
const queue = (id: string, name = id) => ({ id, name, skills: [], businessHours: undefined, maxWaitSeconds: 600 }) as never;

describe('the store in PostgreSQL (several instances)', () => {
  it('When one instance saves a flow, then the other reads it, unchanged to the last key, without asking again', async () => {
    const url = await postgres.freshDatabase();
    const [a, b] = await Promise.all([instance(url), instance(url)]);
    const flow = { ...testFlow('billing', 'Billing'), description: 'zebra first', settings: { ...testFlow('x').settings } };
    await a.flows.create(flow);
    // LISTEN/NOTIFY brings it over.
    await until(() => b.flows.get('billing') !== undefined);
    expect(JSON.stringify(b.flows.get('billing'))).toBe(JSON.stringify(a.flows.get('billing')));
    expect(b.flows.list().map((f) => f.id)).toEqual(['billing']);
  });

  it('When two instances save the same queue from the same version at once, then one save stands and the other gets 412, whichever instance it ran on', async () => {
    const url = await postgres.freshDatabase();
    const [a, b] = await Promise.all([instance(url), instance(url)]);
    await a.queues.create(queue('billing', 'Billing'));
    await b.data.fresh();
    const results = await Promise.allSettled([a.queues.update(queue('billing', 'From A'), 1), b.queues.update(queue('billing', 'From B'), 1)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 412, code: 'version_mismatch' });
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ name: string }>).value.name;
    await Promise.all([a.data.fresh(), b.data.fresh()]);
    expect(a.queues.get('billing')).toMatchObject({ name: winner, version: 2 });
    expect(b.queues.get('billing')).toMatchObject({ name: winner, version: 2 });
  });

  it('When instances publish the same flow in turn, then the versions number on from the other\'s; a removal takes its versions and tests with it everywhere', async () => {
    const url = await postgres.freshDatabase();
    const [a, b] = await Promise.all([instance(url), instance(url)]);
    await a.flows.create(testFlow('f'));
    await a.tests.create('f', [{ name: 'Greets', turns: [{ text: 'hi' }], expect: { status: 'ai' } }]);
    expect((await a.flows.publish('f')).publishedVersion).toBe(1);
    expect((await b.flows.publish('f')).publishedVersion).toBe(2);
    await until(() => a.flows.versions('f').length === 2);
    expect(a.flows.version('f', 2)).toMatchObject({ publishedVersion: 2, draftVersion: 1 });
    await b.flows.remove('f');
    await until(() => a.flows.get('f') === undefined);
    expect(a.flows.versions('f')).toEqual([]);
    expect(a.tests.list('f')).toEqual([]);
    expect(a.flows.isEmpty()).toBe(true);
  });

  it('When an instance starts on a store others wrote, then it reads all of it back, odd ids and the audit trail included; a change that fails writes nothing', async () => {
    const url = await postgres.freshDatabase();
    const a = await instance(url);
    await a.flows.create(testFlow('__proto__', 'Odd id'));
    await a.flows.create(testFlow('with#hash'));
    await a.flows.publish('with#hash');
    await a.flows.update('with#hash', testFlow('with#hash', 'Renamed'), 1);
    expect(await rejection(a.flows.update('with#hash', testFlow('with#hash', 'Stale'), 1))).toMatchObject({ status: 412 });
    const later = await instance(url);
    expect(later.flows.get('__proto__')).toMatchObject({ name: 'Odd id', version: 1 });
    expect(later.flows.get('constructor')).toBeUndefined();
    expect(later.flows.get('with#hash')).toMatchObject({ name: 'Renamed', version: 2, publishedVersion: 1 });
    expect(later.flows.version('with#hash', 1)?.flow.name).toBe('Flow with#hash');
    expect(later.data.data.audit.map((e) => `${e.action} ${e.flowId}`)).toEqual(['create __proto__', 'create with#hash', 'publish with#hash', 'update with#hash']);
  });

  it('When the audit trail is read from any instance, then filters and pages run in PostgreSQL over every entry, newest first', async () => {
    const url = await postgres.freshDatabase();
    const [a, b] = await Promise.all([instance(url), instance(url)]);
    const trail = new DbAuditLog(a.data);
    for (let i = 0; i < 30; i++) await trail.add({ action: i % 3 === 0 ? 'queue_changed' : 'sign_in', subject: `change ${i}` }, i % 2 === 0 ? 'Ann' : 'bob');
    const all = await b.data.auditPage({ limit: 5, offset: 0 });
    expect(all.total).toBe(30);
    expect(all.entries.map((e) => e.subject)).toEqual(['change 29', 'change 28', 'change 27', 'change 26', 'change 25']);
    expect((await b.data.auditPage({ limit: 5, offset: 28 })).entries.map((e) => e.subject)).toEqual(['change 1', 'change 0']);
    const anns = await b.data.auditPage({ who: 'ann', action: 'queue_changed', limit: 100, offset: 0 });
    expect(anns.entries.map((e) => e.subject)).toEqual(['change 24', 'change 18', 'change 12', 'change 6', 'change 0']);
    expect(anns.total).toBe(5);
    const at = all.entries[2].at;
    expect((await b.data.auditPage({ from: at, to: at, limit: 100, offset: 0 })).entries.every((e) => e.at === at)).toBe(true);
  });

  it('When three instances start together on an empty store, then the example flows are loaded once, with no conflict', async () => {
    const url = await postgres.freshDatabase();
    const warnings: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const stores = await Promise.all([0, 1, 2].map(async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'baton-pg-'));
      const store = await openStore(dir, { data: await PgStoreData.connect(url) });
      opened.push({ close: () => store.close().then(() => rm(dir, { recursive: true, force: true })) });
      return store;
    }));
    const seeded = await Promise.all(stores.map((store: Store) => store.alone(() => seedExampleFlows(store, flowsDir, log))));
    expect(seeded.filter((n) => n > 0)).toHaveLength(1);
    expect(warnings).toEqual([]);
    await Promise.all(stores.map((s) => s.fresh()));
    const ids = stores.map((s) => s.flows.list().map((f) => `${f.id}@${f.version}`).join());
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toContain('billing-support@1');
  });

  it('When Baton moves from one machine to PostgreSQL, then the first start copies baton.json into the empty store, and later starts leave the store as it is', async () => {
    const url = await postgres.freshDatabase();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'baton-pg-'));
    try {
      const onMachine = await openStore(dir);
      await onMachine.flows.create(testFlow('kept', 'Made on one machine'));
      await onMachine.flows.publish('kept');
      await onMachine.close();
      let copied = 0;
      const first = await openStore(dir, { data: await PgStoreData.connect(url), onFileCopied: () => copied++ });
      expect(first.flows.get('kept')).toMatchObject({ name: 'Made on one machine', publishedVersion: 1 });
      // The whole audit trail came along: the flow's making and its publishing.
      const trail = await first.audit.page({ limit: 10, offset: 0 });
      expect(trail.entries.map((e) => e.action)).toEqual(['publish', 'create']);
      await first.flows.update('kept', testFlow('kept', 'Changed in PostgreSQL'), 1);
      await first.close();
      // baton.json still has the old name; the store keeps the new one.
      await writeFile(path.join(dir, 'unrelated.txt'), 'x');
      const second = await openStore(dir, { data: await PgStoreData.connect(url), onFileCopied: () => copied++ });
      expect(second.flows.get('kept')?.name).toBe('Changed in PostgreSQL');
      expect(copied).toBe(1);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('When PostgreSQL cannot be reached, then connecting fails saying where and what to do', async () => {
    await expect(PgStoreData.connect('postgres://baton:secret@127.0.0.1:1/none')).rejects.toThrow(/could not use PostgreSQL at postgres:\/\/baton:\*+@127\.0\.0\.1:1\/none.*BATON_DATABASE_URL/);
  });
});

