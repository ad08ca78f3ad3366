import { csrfHeaders } from './csrf.ts';
import { ApiError } from './fetchJson.ts';

/** Deletes a flow with its drafts and published versions. */
export async function deleteFlow(flowId: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/api/flows/${encodeURIComponent(flowId)}`, { method: 'DELETE', headers: csrfHeaders() });
  } catch {
    throw new ApiError('the Baton server did not answer', null, 'unreachable');
  }
  if (!response.ok && response.status !== 404) throw new ApiError(`the server answered with status ${response.status}`, response.status, 'http_error');
}
