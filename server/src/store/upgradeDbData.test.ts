import { describe, expect, it } from 'vitest';
import { smallFlow } from '../../../shared/src/testing/smallFlow.ts';
import { compileFlow } from '@baton/shared';
import { upgradeDbData, type DbData } from './DbData.ts';

describe('upgradeDbData', () => {
  it('When a file from before queues and agents has their reserved empty arrays, then they become empty records and webhooks appear', () => {
    const old = { flows: {}, queues: [], agents: [] } as unknown as Partial<DbData>;
    expect(upgradeDbData(old)).toMatchObject({ flows: {}, queues: {}, agents: {}, webhooks: {} });
  });

  it('When a flow was stored with node settings its kind does not have, then they are dropped from the draft and its published versions, and it compiles', () => {
    const flow = smallFlow();
    const person = flow.nodes.find((n) => n.id === 'person')!;
    person.data = { ...person.data, colour: 'red', scope: { mode: 'everywhere', nodeIds: [], typo: 1 } };
    const stored = { ...flow, version: 1, updatedAt: '2026-01-01T00:00:00Z' } as unknown as DbData['flows'][string];
    const upgraded = upgradeDbData({ flows: { small: stored }, versions: { small: [{ flowId: 'small', publishedVersion: 1, draftVersion: 1, publishedAt: '2026-01-01T00:00:00Z', flow: stored }] } });
    for (const kept of [upgraded.flows.small, upgraded.versions.small[0].flow]) {
      expect(kept.nodes.find((n) => n.id === 'person')!.data).toEqual({ ...person.data, colour: undefined, scope: { mode: 'everywhere', nodeIds: [] } });
      expect(compileFlow(kept).issues.filter((i) => i.severity === 'error')).toEqual([]);
    }
  });

  it('When the file already holds queues, then they are kept', () => {
    const queues = { billing: { id: 'billing', version: 4 } } as unknown as DbData['queues'];
    expect(upgradeDbData({ queues }).queues).toEqual(queues);
  });

  it('When settings were saved before they had versions, then each counts as version 1, so the pages can save it with If-Match', () => {
    const old = {
      queues: { billing: { id: 'billing' } },
      agents: { ben: { id: 'ben' } },
      personas: { calm: { id: 'calm' } },
      webhooks: { billing: { url: 'https://crm.example.com' } },
      numbers: { '+442071234567': { number: '+442071234567', flowId: 'f', updatedAt: '' } },
    } as unknown as Partial<DbData>;
    const upgraded = upgradeDbData(old);
    expect(upgraded.queues.billing).toEqual({ id: 'billing', version: 1 });
    expect(upgraded.agents.ben).toEqual({ id: 'ben', version: 1 });
    expect(upgraded.personas.calm).toEqual({ id: 'calm', version: 1 });
    expect(upgraded.webhooks.billing).toEqual({ url: 'https://crm.example.com', version: 1 });
    expect(upgraded.numbers['+442071234567']).toEqual({ number: '+442071234567', flowId: 'f', updatedAt: '', version: 1 });
  });
});
