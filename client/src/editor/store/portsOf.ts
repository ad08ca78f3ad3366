import { nodeKinds, type NodeKind } from '@baton/shared';

/** A node's output ports; data being edited may be half-filled, so a kind that cannot read it has none. */
export function portsOf(kind: NodeKind, data: Record<string, unknown>): string[] {
  try {
    return (nodeKinds[kind].ports as (d: unknown) => string[])(data);
  } catch {
    return [];
  }
}
