import type { FlowDocument } from '@baton/shared';
import type { FlowDraft } from './fetchFlow.ts';
import { sendJson } from './fetchJson.ts';
import { ifMatch } from './ifMatch.ts';

/** Saves a draft over `expectedVersion`; the server answers 412 when someone else saved first. */
export function saveFlow(flow: FlowDocument, expectedVersion: number): Promise<FlowDraft> {
  return sendJson<FlowDraft>(`/api/flows/${encodeURIComponent(flow.id)}`, 'PUT', flow, ifMatch(expectedVersion));
}
