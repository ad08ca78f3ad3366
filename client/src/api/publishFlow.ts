import { sendJson } from './fetchJson.ts';

export interface PublishResult {
  publishedVersion: number;
  draftVersion: number;
  publishedAt: string;
}

/** Publishes the saved draft, with a note for the history; the server answers 422 with the errors while any remain. */
export function publishFlow(flowId: string, note?: string): Promise<PublishResult> {
  return sendJson<PublishResult>(`/api/flows/${encodeURIComponent(flowId)}/publish`, 'POST', note ? { note } : undefined);
}
