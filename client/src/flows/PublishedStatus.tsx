/** Whether callers can reach a flow yet, and which version they get. */
export function PublishedStatus({ publishedVersion }: { publishedVersion: number | null }) {
  if (publishedVersion === null) return <span className="status status--draft">Not published yet</span>;
  return <span className="status status--live">Published version {publishedVersion}</span>;
}
