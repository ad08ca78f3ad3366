import { nodeKinds } from '../nodes/nodeKinds.ts';
import { flowSettingsSchema, type FlowDocument } from './flowSchema.ts';

/**
 * A new, empty flow: where calls start, and as its queue the first of the contact center's queues (Settings → Queues,
 * where agents and hours are), so a transfer added to it reaches people. Without any queue there, it has none, and
 * the issues panel says so as soon as a transfer is added.
 */
export function blankFlow(name: string, routingQueues: ReadonlyArray<{ id: string; name: string }>): FlowDocument {
  const first = routingQueues[0];
  return {
    id: 'new',
    name,
    description: '',
    version: 0,
    nodes: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: { ...nodeKinds.start.defaults } }],
    edges: [],
    settings: flowSettingsSchema.parse({ queues: first ? [{ id: first.id, name: first.name }] : [] }),
  };
}
