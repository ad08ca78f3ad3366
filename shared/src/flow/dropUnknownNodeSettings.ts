import { isNodeKind, nodeKinds } from '../nodes/nodeKinds.ts';
import type { FlowDocument } from './flowSchema.ts';

/**
 * The flow with every node setting its kind does not know removed. Node data is refused with such settings now;
 * a flow stored before that may still hold some, and would otherwise no longer compile.
 */
export function dropUnknownNodeSettings(flow: FlowDocument): FlowDocument {
  let changed = false;
  const nodes = flow.nodes.map((node) => {
    if (!isNodeKind(node.kind) || !node.data || typeof node.data !== 'object') return node;
    let data: Record<string, unknown> | null = null;
    // Each pass removes the unknown keys at the levels the schema reached; a nested unknown key shows once its parent checks.
    for (let pass = 0; pass < 10; pass++) {
      const result = nodeKinds[node.kind].schema.safeParse(data ?? node.data);
      const unknown = result.success ? [] : result.error.issues.filter((i) => i.code === 'unrecognized_keys');
      if (unknown.length === 0) break;
      // Stored data is plain JSON, so a JSON copy is a full one.
      data ??= JSON.parse(JSON.stringify(node.data)) as Record<string, unknown>;
      for (const issue of unknown) {
        const parent = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key], data);
        if (parent && typeof parent === 'object') for (const key of issue.keys) delete (parent as Record<string, unknown>)[key];
      }
    }
    if (!data) return node;
    changed = true;
    return { ...node, data };
  });
  return changed ? { ...flow, nodes } : flow;
}
