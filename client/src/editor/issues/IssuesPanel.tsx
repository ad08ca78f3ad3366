import { memo, useMemo, useState } from 'react';
import { Button } from '@mantine/core';
import { useReactFlow } from '@xyflow/react';
import type { FlowIssue, Severity } from '@baton/shared';
import { documentNodes } from '../store/documentNodes.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { nodeLabel } from '../../nodeLabel.ts';

const GROUPS: { severity: Severity; title: string; hint: string }[] = [
  { severity: 'error', title: 'Errors', hint: 'Fix these before publishing.' },
  { severity: 'warning', title: 'Warnings', hint: 'The flow works, but callers may have a worse time.' },
  { severity: 'info', title: 'Tips', hint: 'Ideas to make the flow better.' },
];

/** How many issues of one kind are listed before the rest wait behind a button (a big flow can have hundreds). */
const FIRST_SHOWN = 25;

interface IssueGroupProps {
  severity: Severity;
  title: string;
  hint: string;
  issues: FlowIssue[];
  labelOf(nodeId: string): string;
  show(nodeId: string, field?: string): void;
}

function IssueGroup({ severity, title, hint, issues, labelOf, show }: IssueGroupProps) {
  const [all, setAll] = useState(false);
  if (issues.length === 0) return null;
  const shown = all ? issues : issues.slice(0, FIRST_SHOWN);
  const hidden = issues.length - shown.length;
  return (
    <div className={`issues__group issues__group--${severity}`}>
      <h3>
        {title} ({issues.length})
      </h3>
      <p className="issues__hint">{hint}</p>
      <ul>
        {shown.map((issue, i) => (
          <li key={`${issue.code}-${issue.nodeId ?? ''}-${issue.field ?? ''}-${i}`}>
            {issue.nodeId ? (
              <button type="button" className="issues__item" onClick={() => show(issue.nodeId!, issue.field)}>
                <span className="issues__node">{labelOf(issue.nodeId)}</span>
                <span>{issue.message}</span>
              </button>
            ) : (
              <div className="issues__item">
                <span className="issues__node">Whole flow</span>
                <span>{issue.message}</span>
              </div>
            )}
          </li>
        ))}
      </ul>
      {hidden > 0 && (
        <Button variant="subtle" size="compact-sm" mt={6} onClick={() => setAll(true)}>
          Show {hidden} more {title.toLowerCase()}
        </Button>
      )}
    </div>
  );
}

/** The flow's issues, live as you edit, grouped by how serious they are; clicking one shows its node. */
export const IssuesPanel = memo(function IssuesPanel({ issues }: { issues: FlowIssue[] | null }) {
  const { fitView } = useReactFlow();
  const nodes = useEditorStore(documentNodes);
  const labels = useMemo(
    () => new Map(nodes.map((n) => [n.id, nodeLabel(n)])),
    [nodes],
  );

  function show(nodeId: string, field?: string) {
    useEditorStore.getState().selectOnly(nodeId, field);
    void fitView({ nodes: [{ id: nodeId }], maxZoom: 1.2, duration: 300 });
  }

  const labelOf = (nodeId: string) => labels.get(nodeId) ?? nodeId;

  return (
    <section className="issues" aria-labelledby="issues-title">
      <h2 id="issues-title" className="editor-panel__title">
        Issues
      </h2>
      {issues === null && <p className="issues__hint">Checking the flow…</p>}
      {issues?.length === 0 && <p className="issues__clean">No issues found. The flow is ready to publish.</p>}
      {GROUPS.map(({ severity, title, hint }) => (
        <IssueGroup key={severity} severity={severity} title={title} hint={hint} issues={(issues ?? []).filter((i) => i.severity === severity)} labelOf={labelOf} show={show} />
      ))}
    </section>
  );
});
