import { flowSettingsSchema, type FlowDocument } from '@baton/shared';

/** A minimal valid flow document for the store's tests. */
export function testFlow(id: string, name = `Flow ${id}`): FlowDocument {
  return {
    id,
    name,
    description: '',
    version: 0,
    nodes: [{ id: 'start', kind: 'trigger', position: { x: 0, y: 0 }, data: { greeting: 'Hello' } }],
    edges: [],
    settings: flowSettingsSchema.parse({}),
  };
}
