import { sendJson } from './fetchJson.ts';

export interface PublishResult {
  publishedVersion: number;
  draftVersion: number;
  publishedAt: string;
}

/** Publishes the saved draft; the server answers 422 with the errors while any remain. */
export function publishFlow(flowId: string): Promise<PublishResult> {
  return sendJson<PublishResult>(`/api/flows/${encodeURIComponent(flowId)}/publish`, 'POST');
}
