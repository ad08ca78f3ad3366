// The baseline of `npm run bench`: the same flow in React Flow with default nodes and nothing else (?flow=<id>).
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { fetchFlow } from './api/fetchFlow.ts';
import { nodeLabel } from './nodeLabel.ts';

function BarePage({ flowId }: { flowId: string }) {
  const [graph, setGraph] = useState<{ nodes: Node[]; edges: Edge[] } | null>(null);
  useEffect(() => {
    void fetchFlow(flowId).then((flow) =>
      setGraph({
        nodes: flow.nodes.map((n) => ({ id: n.id, position: n.position, data: { label: nodeLabel(n) } })),
        edges: flow.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
      }),
    );
  }, [flowId]);
  if (!graph) return <p>Loading…</p>;
  return <ReactFlow defaultNodes={graph.nodes} defaultEdges={graph.edges} fitView minZoom={0.1} />;
}

const root = document.getElementById('root');
if (!root) throw new Error('bench-bare.html has no #root element.');
createRoot(root).render(<BarePage flowId={new URLSearchParams(location.search).get('flow') ?? ''} />);
