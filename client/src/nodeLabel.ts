/** A step's name as people see it: its label, or its id when it has none. */
export const nodeLabel = (node: { id: string; data: Record<string, unknown> }): string =>
  typeof node.data.label === 'string' && node.data.label ? node.data.label : node.id;
