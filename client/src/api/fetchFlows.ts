import type { FlowSummary } from '@baton/shared';
import { ApiError, fetchJson } from './fetchJson.ts';

/** Every flow, as listed by `GET /api/flows`. */
export async function fetchFlows(signal?: AbortSignal): Promise<FlowSummary[]> {
  const flows = await fetchJson<unknown>('/api/flows', signal);
  if (!Array.isArray(flows)) throw new ApiError('the server sent something other than a list of flows', 200, 'bad_shape');
  return flows as FlowSummary[];
}
