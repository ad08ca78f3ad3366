import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compileFlow.ts';
import { newNodeData } from '../nodes/nodeKinds.ts';
import { blankFlow } from './blankFlow.ts';

const routing = [
  { id: 'support', name: 'Support team' },
  { id: 'billing', name: 'Billing team' },
];

describe('blank flow', () => {
  it('When a blank flow is made, then its queue is the first of Settings → Queues, and a transfer added to it goes there', () => {
    const flow = blankFlow('Opening hours', routing);
    expect(flow.settings.queues).toEqual([{ id: 'support', name: 'Support team', typicalWaitSeconds: 120 }]);
    expect(newNodeData('transfer', flow.settings).queue).toBe('support');
    flow.nodes.push({ id: 'transfer', kind: 'transfer', position: { x: 0, y: 0 }, data: newNodeData('transfer', flow.settings) });
    const issues = compileFlow(flow, { routingQueueIds: new Set(routing.map((q) => q.id)) }).issues;
    expect(issues.filter((i) => i.code === 'transfer_queue_unknown')).toEqual([]);
  });

  it('When there is no queue in Settings → Queues, then a blank flow has none, and a transfer added to it is an error to fix', () => {
    const flow = blankFlow('Opening hours', []);
    expect(flow.settings.queues).toEqual([]);
    flow.nodes.push({ id: 'transfer', kind: 'transfer', position: { x: 0, y: 0 }, data: newNodeData('transfer', flow.settings) });
    expect(compileFlow(flow, { routingQueueIds: new Set() }).issues).toContainEqual(expect.objectContaining({ code: 'transfer_queue_unknown', severity: 'error', nodeId: 'transfer' }));
  });
});
