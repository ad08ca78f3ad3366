import { useTunesOnly } from '../useAnalystLimits.ts';
import { useCallback, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type OnBeforeDelete,
} from '@xyflow/react';
import { isNodeKind, nodeKinds, type NodeKind } from '@baton/shared';
import { beginUndoStep, endUndoStep, useEditorStore } from '../store/editorStore.ts';
import type { EditorEdge, EditorNode } from '../store/types.ts';
import { nodeTypes } from './nodeTypes.ts';
import { useFitViewOnLoad } from './useFitViewOnLoad.ts';
import { NodeDetailContext } from './NodeDetailContext.ts';
import { useNodeDetail } from './useNodeDetail.ts';
import { TrailStyle } from './TrailStyle.tsx';
import { HeatmapToggle } from './HeatmapToggle.tsx';
import { RealCallTrail } from './RealCallTrail.tsx';
import { refuse } from './refuse.ts';
import { NODE_KIND_MIME, NEW_NODE_OFFSET } from './newNodePlacement.ts';

// Handlers at module scope read the store when called, so React Flow never sees new functions.
const onNodesChange = (changes: NodeChange<EditorNode>[]) => useEditorStore.getState().onNodesChange(changes);
const onEdgesChange = (changes: EdgeChange<EditorEdge>[]) => useEditorStore.getState().onEdgesChange(changes);
const onConnect = (connection: Connection) => {
  const reason = useEditorStore.getState().connect(connection);
  if (reason) refuse(reason);
};
// Deleting a node takes its connections with it: done here as one change so it is one undo step.
const onBeforeDelete: OnBeforeDelete<EditorNode, EditorEdge> = async ({ nodes, edges }) => {
  useEditorStore.getState().deleteElements(
    nodes.map((n) => n.id),
    edges.map((e) => e.id),
  );
  return false;
};
// One drag, however many frames it moves, is one undo step.
const startDrag = () => beginUndoStep('drag');
const stopDrag = () => endUndoStep('drag');
const onSelectionChange = ({ nodes }: { nodes: EditorNode[] }) => useEditorStore.getState().setSelectedNodeIds(nodes.map((n) => n.id));

// Props that are objects or functions live at module scope too: a new one each render makes React Flow update every edge.
export const defaultEdgeOptions = { markerEnd: { type: 'arrowclosed', width: 16, height: 16 } } as const;
const deleteKeyCode = ['Delete', 'Backspace'];
const minimapNodeClassName = (n: EditorNode) => `minimap-node--${n.type}`;

/** A connection dropped on a node that nothing can lead into (a start or a trigger) gets a reason, not silence. */
function onConnectEnd(event: MouseEvent | TouchEvent, state: FinalConnectionState) {
  if (state.isValid || state.fromHandle?.type !== 'source') return;
  const point = 'changedTouches' in event ? event.changedTouches[0] : event;
  const element = document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node');
  const targetId = element?.getAttribute('data-id');
  const target = useEditorStore.getState().nodes.find((n) => n.id === targetId);
  if (!target || target.id === state.fromNode?.id || !isNodeKind(target.type ?? '')) return;
  const kind = nodeKinds[target.type as NodeKind];
  if (!kind.hasInput)
    refuse(`Nothing can lead into "${kind.label}": it is where ${target.type === 'start' ? 'every call begins' : 'a handoff begins'}.`);
}

/** The canvas: the flow's nodes and connections, with zoom, fit and a minimap. Palette items can be dropped on it. */
export function FlowCanvas() {
  const nodes = useEditorStore((s) => s.nodes);
  const edges = useEditorStore((s) => s.edges);
  const { screenToFlowPosition } = useReactFlow();
  const fitted = useFitViewOnLoad();
  const detailed = useNodeDetail(fitted);
  // An analyst reads the canvas and picks steps; moving, connecting and deleting are an admin's.
  const tunesOnly = useTunesOnly();

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_KIND_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(NODE_KIND_MIME);
      if (!isNodeKind(kind)) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      useEditorStore.getState().addNode(kind, { x: at.x - NEW_NODE_OFFSET.x, y: at.y - NEW_NODE_OFFSET.y });
    },
    [screenToFlowPosition],
  );

  return (
    <NodeDetailContext.Provider value={detailed}>
      <ReactFlow<EditorNode, EditorEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onBeforeDelete={onBeforeDelete}
        onSelectionChange={onSelectionChange}
        onNodeDragStart={startDrag}
        onNodeDragStop={stopDrag}
        onSelectionDragStart={startDrag}
        onSelectionDragStop={stopDrag}
        onDragOver={tunesOnly ? undefined : onDragOver}
        onDrop={tunesOnly ? undefined : onDrop}
        deleteKeyCode={tunesOnly ? null : deleteKeyCode}
        nodesDraggable={!tunesOnly}
        nodesConnectable={!tunesOnly}
        edgesReconnectable={!tunesOnly}
        defaultEdgeOptions={defaultEdgeOptions}
        minZoom={0.1}
        aria-label="Flow canvas"
        aria-busy={!fitted}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable ariaLabel="Map of the whole flow" nodeClassName={minimapNodeClassName} />
        <TrailStyle />
        <HeatmapToggle />
        <RealCallTrail />
      </ReactFlow>
    </NodeDetailContext.Provider>
  );
}
