import type { FlowDocument } from '@baton/shared';
import { fetchJson } from './fetchJson.ts';

export type FlowDraft = FlowDocument & { updatedAt?: string; publishedVersion?: number | null; publishedFromDraft?: number | null };

/** One flow's draft, from `GET /api/flows/:id`. */
export function fetchFlow(flowId: string, signal?: AbortSignal): Promise<FlowDraft> {
  return fetchJson<FlowDraft>(`/api/flows/${encodeURIComponent(flowId)}`, signal);
}
