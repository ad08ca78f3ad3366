export type Severity = 'error' | 'warning' | 'info';

/** One thing wrong with (or worth improving in) a flow, in words a non-developer can act on. */
export interface FlowIssue {
  code: string;
  severity: Severity;
  nodeId?: string;
  edgeId?: string;
  /** Where in the node's form (e.g. "data.intents.0.examples"). */
  field?: string;
  message: string;
}

/** True when any issue would stop the flow from running. */
export function hasErrors(issues: readonly FlowIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
