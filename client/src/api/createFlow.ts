import type { FlowDocument } from '@baton/shared';
import type { FlowDraft } from './fetchFlow.ts';
import { sendJson } from './fetchJson.ts';

/** Stores a new flow; the server answers 409 when the id is taken, and makes one from the name when there is none. */
export function createFlow(flow: Omit<FlowDocument, 'id'> & { id?: string }): Promise<FlowDraft> {
  return sendJson<FlowDraft>('/api/flows', 'POST', flow);
}
