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

/** Problems that make a document unsafe to store at all; a draft may have every other issue while it is being built. */
const SAVE_BLOCKING = new Set(['invalid_flow', 'unknown_node_kind', 'invalid_node_data', 'duplicate_node_id', 'duplicate_edge_id', 'edge_source_missing', 'edge_target_missing', 'edge_port_unknown', 'rule_invalid']);

/** True when the issue stops a draft from being saved (the server refuses it; the editor's autosave waits). */
export function blocksSaving(issue: FlowIssue): boolean {
  return SAVE_BLOCKING.has(issue.code);
}
