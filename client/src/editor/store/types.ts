import type { Edge, Node } from '@xyflow/react';
import type { FlowSettings, NodeKind } from '@baton/shared';

/** A node on the canvas: React Flow's node whose `type` is the node kind and whose `data` is the kind's data. */
export type EditorNode = Node<Record<string, unknown>, NodeKind>;
/** A connection; `sourceHandle` is the output port's name. */
export type EditorEdge = Edge;

/** The parts of a flow the canvas does not draw. */
export interface FlowMeta {
  id: string;
  name: string;
  description: string;
  settings: FlowSettings;
}
