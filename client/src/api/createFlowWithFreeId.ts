import type { FlowDocument } from '@baton/shared';
import { createFlow } from './createFlow.ts';
import type { FlowDraft } from './fetchFlow.ts';
import { ApiError } from './fetchJson.ts';

/**
 * Stores a new flow under an id the server makes from its name ("Billing support (copy)" → "billing-support-copy",
 * then "-2", "-3", … while taken). `keepId`: try the flow's own id first (an imported file's), and only when it is taken
 * let the server choose.
 */
export async function createFlowWithFreeId(flow: FlowDocument, { keepId = false } = {}): Promise<FlowDraft> {
  const { id, ...rest } = flow;
  if (keepId && id) {
    try {
      return await createFlow({ ...rest, id, version: 0 });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'flow_exists')) throw error;
    }
  }
  return createFlow({ ...rest, version: 0 });
}
