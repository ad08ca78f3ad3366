import { describe, expect, it } from 'vitest';
import { upgradeDbData, type DbData } from './DbData.ts';

describe('upgradeDbData', () => {
  it('When a file from before queues and agents has their reserved empty arrays, then they become empty records and webhooks appear', () => {
    const old = { flows: {}, queues: [], agents: [] } as unknown as Partial<DbData>;
    expect(upgradeDbData(old)).toMatchObject({ flows: {}, queues: {}, agents: {}, webhooks: {} });
  });

  it('When the file already holds queues, then they are kept', () => {
    const queues = { billing: { id: 'billing' } } as unknown as DbData['queues'];
    expect(upgradeDbData({ queues }).queues).toEqual(queues);
  });
});
