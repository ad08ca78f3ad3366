import type { Adapter } from 'lowdb';
import { describe, expect, it } from 'vitest';
import type { ConversationTest } from '@baton/shared';
import { emptyDbData, type DbData } from './DbData.ts';
import { LowdbData } from './StoreData.ts';
import { DbConversationTestRepository } from './DbConversationTestRepository.ts';
import { DbFlowRepository } from './DbFlowRepository.ts';
import { testFlow } from './testFlow.ts';

const test = (name: string): ConversationTest => ({ name, turns: [{ text: 'hello' }], expect: { status: 'ai' } });

/** An in-memory adapter that records what reached "disk" and can be told to fail. */
function memoryDb() {
  const disk: { data: DbData | null; failing: boolean } = { data: null, failing: false };
  const adapter: Adapter<DbData> = {
    read: async () => null,
    write: async (data) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (disk.failing) throw new Error('disk full');
      disk.data = structuredClone(data);
    },
  };
  const db = new LowdbData(adapter, emptyDbData());
  return { disk, flows: new DbFlowRepository(db), tests: new DbConversationTestRepository(db) };
}

describe('DbConversationTestRepository', () => {
  it('When flows and tests change at the same moment, then both changes are on disk (one write queue)', async () => {
    const { disk, flows, tests } = memoryDb();
    await flows.create(testFlow('a'));
    await Promise.all([flows.create(testFlow('b')), tests.create('a', [test('Greets')]), flows.update('a', testFlow('a', 'Renamed'), 1)]);
    expect(Object.keys(disk.data!.flows).sort()).toEqual(['a', 'b']);
    expect(disk.data!.flows.a.name).toBe('Renamed');
    expect(disk.data!.conversationTests.a).toEqual([{ id: 'greets', ...test('Greets') }]);
  });

  it('When one of several tests has a taken name or the write fails, then none is stored', async () => {
    const { disk, flows, tests } = memoryDb();
    await flows.create(testFlow('a'));
    await expect(tests.create('a', [test('One'), test('one')])).rejects.toMatchObject({ status: 409, code: 'conversation_test_exists' });
    disk.failing = true;
    await expect(tests.create('a', [test('Two')])).rejects.toThrow('disk full');
    expect(tests.list('a')).toEqual([]);
    await expect(tests.create('missing', [test('Two')])).rejects.toMatchObject({ status: 404 });
  });

  it('When a flow is deleted, then its tests are deleted in the same write', async () => {
    const { disk, flows, tests } = memoryDb();
    await flows.create(testFlow('a'));
    await tests.create('a', [test('One')]);
    await flows.remove('a');
    expect(disk.data!.conversationTests).toEqual({});
    expect(tests.list('a')).toEqual([]);
  });
});
