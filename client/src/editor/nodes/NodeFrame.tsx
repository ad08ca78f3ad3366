import { useContext, useEffect, useRef, type ReactNode } from 'react';
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import { nodeKinds, portLabelOf, type FlowStepFigures, type NodeKind } from '@baton/shared';
import { NodeDetailContext } from '../canvas/NodeDetailContext.ts';
import { NodeIssuesContext } from '../canvas/NodeIssuesContext.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { portsOf } from '../store/portsOf.ts';
import { kindColours, kindStyles } from '../palette/kindStyles.ts';

interface NodeFrameProps {
  id: string;
  kind: NodeKind;
  data: Record<string, unknown>;
  selected?: boolean;
  children?: ReactNode;
}

/** The shell every node shares: kind, label, issue badge, what it does (children), and one output per port; zoomed far out, only the name and the connections. */
export function NodeFrame({ id, kind, data, selected, children }: NodeFrameProps) {
  const issues = useContext(NodeIssuesContext).get(id) ?? [];
  // Zoomed far out, a node is its name, colour and connections; its details come back when zoomed in.
  const detailed = useContext(NodeDetailContext);
  // The test console's call: the step it is at now, and the steps it went through.
  const trail = useEditorStore((s) => (s.trail?.active === id ? ' is-active' : s.trail?.visited.has(id) ? ' is-visited' : ''));
  const ports = portsOf(kind, data);
  const portsKey = ports.join('|');
  const updateNodeInternals = useUpdateNodeInternals();
  // React Flow measures a node's handles when it mounts; only a change of ports afterwards needs a re-measure
  // (doing it on mount too costs one extra measuring round per node, which is slow with a thousand).
  const measuredPorts = useRef(portsKey);
  useEffect(() => {
    if (measuredPorts.current === portsKey) return;
    measuredPorts.current = portsKey;
    updateNodeInternals(id);
  }, [id, portsKey, updateNodeInternals]);
  // The step's own figures (the same object until the heatmap is loaded again), made into words here.
  const heatmapOn = useEditorStore((s) => s.heatmap !== null);
  const figures = useEditorStore((s) => s.heatmap?.steps[id]);
  const heat = heatmapOn ? heatText(kind, figures) : null;
  const errors = issues.filter((i) => i.severity === 'error').length;
  const label = typeof data.label === 'string' && data.label ? data.label : nodeKinds[kind].label;
  const className = `flow-node flow-node--${kind}${selected ? ' is-selected' : ''}${errors ? ' has-errors' : ''}${trail}`;
  if (!detailed)
    return (
      <div className={`${className} flow-node--far`} style={kindColours(kind)} title={`${nodeKinds[kind].label}: ${label}`}>
        {nodeKinds[kind].hasInput && <Handle type="target" position={Position.Top} className="flow-node__in" />}
        <div className="flow-node__label">{label}</div>
        {heat && <div className={`flow-node__heat${heat.hot ? ' is-hot' : ''}`}>{heat.text}</div>}
        {ports.map((port, i) => (
          <Handle key={port} type="source" position={Position.Bottom} id={port} className="flow-node__out" style={{ left: `${((i + 1) / (ports.length + 1)) * 100}%` }} />
        ))}
      </div>
    );
  return (
    <div className={className} style={kindColours(kind)}>
      {nodeKinds[kind].hasInput && <Handle type="target" position={Position.Top} className="flow-node__in" />}
      <div className="flow-node__kind">
        <span>
          <span className="kind-icon kind-icon--small" aria-hidden="true">
            {kindStyles[kind].icon}
          </span>
          {nodeKinds[kind].label}
        </span>
        {issues.length > 0 && (
          <span
            className={`flow-node__badge${errors ? ' flow-node__badge--error' : ''}`}
            title={issues.map((i) => i.message).join('\n')}
            aria-label={`${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}`}
          >
            {errors ? '!' : 'i'} {issues.length}
          </span>
        )}
      </div>
      <div className="flow-node__label">{label}</div>
      {heat && <div className={`flow-node__heat${heat.hot ? ' is-hot' : ''}`}>{heat.text}</div>}
      {children && <div className="flow-node__body">{children}</div>}
      {ports.length > 0 && (
        <div className="flow-node__ports">
          {ports.map((port) => (
            <span key={port} className="flow-node__port">
              {portLabelOf(kind, data, port)}
              <Handle type="source" position={Position.Bottom} id={port} className="flow-node__out" />
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

/** What real calls did at a step, in a line (the heatmap); `hot` when some went to a person or hung up there. */
function heatText(kind: NodeKind, figures: FlowStepFigures['steps'][string] | undefined): { text: string; hot: boolean } {
  if (kind === 'trigger') {
    const fired = figures?.fired ?? 0;
    const notNeeded = figures?.notNeeded ? ` · agents said ${figures.notNeeded} not needed` : '';
    return { text: fired === 0 ? 'Never fired' : `Fired ${fired} ${fired === 1 ? 'time' : 'times'}${notNeeded}`, hot: fired > 0 };
  }
  if (!figures || figures.passed === 0) return { text: 'No calls', hot: false };
  const parts = [`${figures.passed} ${figures.passed === 1 ? 'call' : 'calls'}`];
  if (figures.handedOver > 0) parts.push(`${figures.handedOver} to a person`);
  if (figures.hungUp > 0) parts.push(`${figures.hungUp} hung up`);
  return { text: parts.join(' · '), hot: figures.handedOver + figures.hungUp > 0 };
}
