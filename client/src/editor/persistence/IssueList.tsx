import type { FlowIssue } from '@baton/shared';

/** Reasons from the server, as a plain list. */
export function IssueList({ issues }: { issues: FlowIssue[] }) {
  return (
    <ul className="issue-list">
      {issues.map((issue, i) => (
        <li key={i}>{issue.message}</li>
      ))}
    </ul>
  );
}
