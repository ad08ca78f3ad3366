/** One row of `GET /api/flows`. */
export interface FlowSummary {
  id: string;
  name: string;
  description: string;
  /** Draft revision; goes up by one on every save. */
  version: number;
  /** Latest published version, or null when the flow was never published. */
  publishedVersion: number | null;
  /** The draft revision that version was published from: a draft with a higher `version` has changed since. */
  publishedFromDraft: number | null;
  /** ISO 8601 time of the last change. */
  updatedAt: string;
}
