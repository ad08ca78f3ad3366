/** Whether callers can reach a flow yet, and which version they get. */
export function PublishedStatus({ publishedVersion }: { publishedVersion: number | null }) {
  if (publishedVersion === null) return <span className="status status--draft">Not published yet</span>;
  return <span className="status status--live">v{publishedVersion} (published)</span>;
}

/**
 * The draft, said against the published version it is compared with: "Draft, changed since v3", "Draft, same as v3",
 * or "Draft" before any publish. (The draft's own save counter is no number a user needs.)
 */
export function DraftStatus({ version, publishedVersion, publishedFromDraft }: { version: number; publishedVersion: number | null; publishedFromDraft: number | null }) {
  const saves = `Saved ${version} ${version === 1 ? 'time' : 'times'} in all`;
  if (publishedVersion === null) return <span title={saves}>Draft</span>;
  const changed = publishedFromDraft === null || version > publishedFromDraft;
  return <span title={saves}>{changed ? `Draft, changed since v${publishedVersion}` : `Draft, same as v${publishedVersion}`}</span>;
}
