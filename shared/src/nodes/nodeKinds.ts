import type { z } from 'zod';
import type { FlowSettings } from '../flow/flowSchema.ts';
import { start } from './start.ts';
import { say } from './say.ts';
import { ask } from './ask.ts';
import { ai } from './ai.ts';
import { branch } from './branch.ts';
import { trigger } from './trigger.ts';
import { transparency } from './transparency.ts';
import { transfer } from './transfer.ts';
import { end } from './end.ts';
import { survey } from './survey.ts';

/** Every node kind, by name. The client and server registries are typed against its keys. */
export const nodeKinds = { start, say, ask, ai, branch, trigger, transparency, transfer, survey, end };

export type NodeKind = keyof typeof nodeKinds;
export const nodeKindNames = Object.keys(nodeKinds) as NodeKind[];

/** The data each kind holds, after defaults are filled in. */
export type NodeData<K extends NodeKind> = z.output<(typeof nodeKinds)[K]['schema']>;

/** True when `kind` names a node kind Baton knows. */
export function isNodeKind(kind: string): kind is NodeKind {
  return Object.hasOwn(nodeKinds, kind);
}

/** The data of a node of `kind` newly added to a flow with these settings: the kind's defaults, fitted to the flow. */
export function newNodeData(kind: NodeKind, settings: FlowSettings): Record<string, unknown> {
  const def = nodeKinds[kind] as { defaults: object; defaultsIn?(s: FlowSettings): object };
  // Defaults are plain JSON data; a deep copy, so editing the node never edits the kind's defaults.
  return { ...(JSON.parse(JSON.stringify(def.defaults)) as object), ...def.defaultsIn?.(settings) };
}

/** What a person calls one of a node's outputs: e.g. an intent's own name ("Outage status"), else its id in words ("no match"). */
export function portLabelOf(kind: string, data: unknown, port: string): string {
  const def = isNodeKind(kind) ? (nodeKinds[kind] as { portLabels?(d: unknown): Record<string, string> }) : undefined;
  const own = data && typeof data === 'object' ? def?.portLabels?.(data) : undefined;
  return own && Object.hasOwn(own, port) ? own[port] : port.replace(/_/g, ' ');
}

/** The names of the values (slots) the nodes of a flow keep, each once, in the order the nodes come. */
export function slotNamesOf(nodes: Iterable<{ kind: string; data: unknown }>): string[] {
  const names = new Set<string>();
  for (const node of nodes) {
    if (!isNodeKind(node.kind) || !node.data || typeof node.data !== 'object') continue;
    const def = nodeKinds[node.kind] as { slots?(d: unknown): string[] };
    try {
      for (const name of def.slots?.(node.data) ?? []) if (typeof name === 'string' && name) names.add(name);
    } catch {
      // A node being edited may not fit its schema yet: it keeps no names until it does.
    }
  }
  return [...names];
}
