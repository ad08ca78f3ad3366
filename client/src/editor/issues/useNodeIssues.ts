import { useMemo } from 'react';
import type { FlowIssue } from '@baton/shared';

/** The issues grouped by node id, for the badges on the canvas. */
export function useNodeIssues(issues: FlowIssue[] | null): ReadonlyMap<string, FlowIssue[]> {
  return useMemo(() => {
    const byNode = new Map<string, FlowIssue[]>();
    for (const issue of issues ?? []) if (issue.nodeId) byNode.set(issue.nodeId, [...(byNode.get(issue.nodeId) ?? []), issue]);
    return byNode;
  }, [issues]);
}
