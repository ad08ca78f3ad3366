import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import { isNodeKind, newNodeData, nodeKinds, type FlowSettings, type NodeKind } from '@baton/shared';
import type { StateCreator } from 'zustand';
import type { FlowDraft } from '../../api/fetchFlow.ts';
import { fromFlowDocument } from './flowConversion.ts';
import { nextId } from './nextId.ts';
import { portsOf } from './portsOf.ts';
import type { EditorEdge, EditorNode, FlowMeta } from './types.ts';
import type { EditorState } from './editorStore.ts';
import { nodeLabel } from '../../nodeLabel.ts';

/** The flow being edited. Changes to `nodes`, `edges` and `meta` (the flow's settings) are undo steps. */
export interface DocumentSlice {
  meta: FlowMeta | null;
  version: number;
  publishedVersion: number | null;
  /** The draft revision the published version came from. */
  publishedFromDraft: number | null;
  nodes: EditorNode[];
  edges: EditorEdge[];
  /** Unsaved changes exist. */
  dirty: boolean;
  /** Goes up on every document change, so a save knows whether edits arrived while it was in flight. */
  revision: number;
  load(flow: FlowDraft): void;
  onNodesChange(changes: NodeChange<EditorNode>[]): void;
  onEdgesChange(changes: EdgeChange<EditorEdge>[]): void;
  /** Connects an output port to a node; returns why not when the connection is refused. */
  connect(connection: Connection): string | null;
  addNode(kind: NodeKind, position: XYPosition): string;
  deleteElements(nodeIds: string[], edgeIds: string[]): void;
  /** Adds copies of nodes (new ids, shifted a little) and of the connections between them, and selects the copies. */
  insertCopies(nodes: EditorNode[], edges: EditorEdge[]): void;
  updateNodeData(nodeId: string, data: Record<string, unknown>): void;
  /** Puts back unsaved nodes and connections kept from an earlier visit (an undo step, and unsaved). */
  restoreDraft(nodes: EditorNode[], edges: EditorEdge[]): void;
  /** Moves nodes to new positions in one change (one undo step), e.g. after auto-layout. */
  moveNodes(positions: Map<string, XYPosition>): void;
  /** Replaces the flow's settings (reason texts, queues, …) in one undoable, unsaved change. */
  setSettings(settings: FlowSettings): void;
  markSaved(version: number, savedRevision: number): void;
  markPublished(publishedVersion: number, fromDraft: number): void;
}

const DOCUMENT_CHANGES = new Set(['position', 'add', 'remove', 'replace']);
/** How far a pasted copy sits from its original, so both stay visible. */
const PASTE_OFFSET = 40;

export const createDocumentSlice: StateCreator<EditorState, [['temporal', unknown]], [], DocumentSlice> = (set, get) => {
  const changed = () => ({ dirty: true, revision: get().revision + 1 });
  return {
    meta: null,
    version: 0,
    publishedVersion: null,
    publishedFromDraft: null,
    nodes: [],
    edges: [],
    dirty: false,
    revision: 0,
    load: (flow) => {
      const { meta, nodes, edges } = fromFlowDocument(flow);
      set({ meta, nodes, edges, version: flow.version, publishedVersion: flow.publishedVersion ?? null, publishedFromDraft: flow.publishedFromDraft ?? null, dirty: false, revision: 0, selectedNodeId: null, canvasReady: false });
    },
    onNodesChange: (changes) => {
      const isEdit = changes.some((c) => DOCUMENT_CHANGES.has(c.type));
      set({ nodes: applyNodeChanges(changes, get().nodes), ...(isEdit ? changed() : {}) });
    },
    onEdgesChange: (changes) => {
      const isEdit = changes.some((c) => DOCUMENT_CHANGES.has(c.type));
      set({ edges: applyEdgeChanges(changes, get().edges), ...(isEdit ? changed() : {}) });
    },
    connect: ({ source, sourceHandle, target }) => {
      const { nodes, edges } = get();
      const from = nodes.find((n) => n.id === source);
      const to = nodes.find((n) => n.id === target);
      if (!from || !to || !sourceHandle) return 'Drag from an output at the bottom of a step to the top of another step.';
      const toKind = nodeKinds[to.type as NodeKind];
      if (!toKind.hasInput) return `Nothing can lead into "${toKind.label}": it is where ${to.type === 'start' ? 'every call begins' : 'a handoff begins'}.`;
      if (edges.some((e) => e.source === source && e.sourceHandle === sourceHandle))
        return `The "${sourceHandle.replaceAll('_', ' ')}" output of "${nodeLabel(from)}" already leads somewhere. Delete that connection first.`;
      const taken = new Set(edges.map((e) => e.id));
      const base = `${source}-${sourceHandle}`;
      const edge: EditorEdge = { id: taken.has(base) ? nextId(base, taken) : base, source, sourceHandle, target };
      set({ edges: [...edges, edge], ...changed() });
      return null;
    },
    addNode: (kind, position) => {
      const { nodes, meta } = get();
      const id = nextId(kind, new Set(nodes.map((n) => n.id)));
      // Fitted to this flow: a new transfer goes to one of the flow's own queues.
      const data = meta ? newNodeData(kind, meta.settings) : (structuredClone(nodeKinds[kind].defaults) as Record<string, unknown>);
      const node: EditorNode = { id, type: kind, position, data, selected: true };
      set({ nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], selectedNodeId: id, ...changed() });
      return id;
    },
    deleteElements: (nodeIds, edgeIds) => {
      const goneNodes = new Set(nodeIds);
      const goneEdges = new Set(edgeIds);
      const { nodes, edges, selectedNodeId } = get();
      set({
        nodes: nodes.filter((n) => !goneNodes.has(n.id)),
        edges: edges.filter((e) => !goneEdges.has(e.id) && !goneNodes.has(e.source) && !goneNodes.has(e.target)),
        selectedNodeId: selectedNodeId && goneNodes.has(selectedNodeId) ? null : selectedNodeId,
        ...changed(),
      });
    },
    insertCopies: (copies, copiedEdges) => {
      const { nodes, edges } = get();
      const takenNodes = new Set(nodes.map((n) => n.id));
      const newId = new Map<string, string>();
      const added = copies.filter((n) => n.type && isNodeKind(n.type)).map((n): EditorNode => {
        const id = nextId(n.type!, takenNodes);
        takenNodes.add(id);
        newId.set(n.id, id);
        return { id, type: n.type, position: { x: n.position.x + PASTE_OFFSET, y: n.position.y + PASTE_OFFSET }, data: structuredClone(n.data), selected: true };
      });
      const takenEdges = new Set(edges.map((e) => e.id));
      const addedEdges = copiedEdges.flatMap((e): EditorEdge[] => {
        const source = newId.get(e.source);
        const target = newId.get(e.target);
        if (!source || !target) return [];
        const base = `${source}-${e.sourceHandle}`;
        const id = takenEdges.has(base) ? nextId(base, takenEdges) : base;
        takenEdges.add(id);
        return [{ id, source, sourceHandle: e.sourceHandle, target }];
      });
      set({
        nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...added],
        edges: [...edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...addedEdges],
        selectedNodeId: added.length === 1 ? added[0].id : null,
        ...changed(),
      });
    },
    updateNodeData: (nodeId, data) => {
      const { nodes, edges } = get();
      const node = nodes.find((n) => n.id === nodeId);
      if (!node) return;
      const before = portsOf(node.type as NodeKind, node.data);
      const after = portsOf(node.type as NodeKind, data);
      // A renamed port (an intent or condition renamed in place) keeps its connection; a removed one loses it.
      const renamed = new Map(before.map((port, i) => [port, before.length === after.length ? after[i] : port]));
      const kept = new Set(after);
      const nextEdges = edges
        .map((e) => (e.source === nodeId && e.sourceHandle && renamed.get(e.sourceHandle) !== e.sourceHandle ? { ...e, sourceHandle: renamed.get(e.sourceHandle) } : e))
        .filter((e) => e.source !== nodeId || kept.has(e.sourceHandle ?? ''));
      set({ nodes: nodes.map((n) => (n.id === nodeId ? { ...n, data } : n)), edges: nextEdges, ...changed() });
    },
    restoreDraft: (nodes, edges) => set({ nodes, edges, selectedNodeId: null, ...changed() }),
    moveNodes: (positions) =>
      set({ nodes: get().nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)), ...changed() }),
    setSettings: (settings) => {
      const { meta } = get();
      if (!meta) return;
      set({ meta: { ...meta, settings }, ...changed() });
    },
    markSaved: (version, savedRevision) => set({ version, dirty: get().revision !== savedRevision }),
    markPublished: (publishedVersion, fromDraft) => set({ publishedVersion, publishedFromDraft: fromDraft }),
  };
};

