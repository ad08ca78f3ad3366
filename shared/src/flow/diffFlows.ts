import type { FlowDocument } from './flowSchema.ts';
import { isNodeKind, nodeKinds } from '../nodes/nodeKinds.ts';

/** One value that differs, by its path in the step's settings ("detectors[0].threshold"). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface StepRef {
  id: string;
  label: string;
  kind: string;
}

/** What changed from one version of a flow to another: steps, their settings, connections, flow settings. Moves on the canvas are not changes. */
export interface FlowDiff {
  added: StepRef[];
  removed: StepRef[];
  changed: Array<StepRef & { fields: FieldChange[] }>;
  connectionsAdded: Array<{ source: string; port: string; target: string }>;
  connectionsRemoved: Array<{ source: string; port: string; target: string }>;
  settings: FieldChange[];
  /** Nothing differs. */
  same: boolean;
}

type Node = FlowDocument['nodes'][number];
const refOf = (n: Node): StepRef => ({ id: n.id, label: typeof n.data?.label === 'string' && n.data.label ? n.data.label : n.id, kind: n.kind });

/** Leaf values by path; arrays and objects are walked, so a change shows where it is. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, []);
    value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) out.set(path, {});
    for (const [k, v] of entries) leaves(v, path ? `${path}.${k}` : k, out);
  } else out.set(path, value);
  return out;
}

/** The fields that differ between two settings objects. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const a = leaves(before, '', new Map());
  const b = leaves(after, '', new Map());
  const changes: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(field);
    const y = b.get(field);
    if (JSON.stringify(x) !== JSON.stringify(y)) changes.push({ field, before: x, after: y });
  }
  return changes;
}

const connectionKey = (e: { source: string; sourcePort: string; target: string }) => `${e.source}\u0000${e.sourcePort}\u0000${e.target}`;

/**
 * Each step's settings with its kind's defaults filled in, as the editor loads them: a setting a stored file left out
 * and the same setting at its default are not a change.
 */
export function withNodeDefaults(flow: FlowDocument): FlowDocument {
  return {
    ...flow,
    nodes: flow.nodes.map((n) => {
      const parsed = isNodeKind(n.kind) ? nodeKinds[n.kind].schema.safeParse(n.data) : undefined;
      return parsed?.success ? { ...n, data: parsed.data as Record<string, unknown> } : n;
    }),
  };
}

/** What changed from `before` to `after` (defaults filled in on both sides). */
export function diffFlows(storedBefore: FlowDocument, storedAfter: FlowDocument): FlowDiff {
  const before = withNodeDefaults(storedBefore);
  const after = withNodeDefaults(storedAfter);
  const was = new Map(before.nodes.map((n) => [n.id, n]));
  const is = new Map(after.nodes.map((n) => [n.id, n]));
  const added = after.nodes.filter((n) => !was.has(n.id)).map(refOf);
  const removed = before.nodes.filter((n) => !is.has(n.id)).map(refOf);
  const changed: FlowDiff['changed'] = [];
  for (const n of after.nodes) {
    const old = was.get(n.id);
    if (!old) continue;
    const fields = [...(old.kind !== n.kind ? [{ field: 'kind', before: old.kind, after: n.kind }] : []), ...fieldChanges(old.data ?? {}, n.data ?? {})];
    if (fields.length > 0) changed.push({ ...refOf(n), fields });
  }
  const oldEdges = new Map(before.edges.map((e) => [connectionKey(e), e]));
  const newEdges = new Map(after.edges.map((e) => [connectionKey(e), e]));
  const asConnection = (e: { source: string; sourcePort: string; target: string }) => ({ source: e.source, port: e.sourcePort, target: e.target });
  const connectionsAdded = [...newEdges].filter(([k]) => !oldEdges.has(k)).map(([, e]) => asConnection(e));
  const connectionsRemoved = [...oldEdges].filter(([k]) => !newEdges.has(k)).map(([, e]) => asConnection(e));
  const settings = [
    ...(before.name !== after.name ? [{ field: 'name', before: before.name, after: after.name }] : []),
    ...fieldChanges(before.settings ?? {}, after.settings ?? {}).map((c) => ({ ...c, field: `settings.${c.field}` })),
  ];
  const same = added.length + removed.length + changed.length + connectionsAdded.length + connectionsRemoved.length + settings.length === 0;
  return { added, removed, changed, connectionsAdded, connectionsRemoved, settings, same };
}
