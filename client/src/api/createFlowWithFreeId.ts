import type { FlowDocument } from '@baton/shared';
import { createFlow } from './createFlow.ts';
import type { FlowDraft } from './fetchFlow.ts';
import { ApiError } from './fetchJson.ts';

/** Stores a new flow under the first free id of "<base>", "<base>-2", "<base>-3", … */
export async function createFlowWithFreeId(flow: FlowDocument, base: string): Promise<FlowDraft> {
  const stem = base.slice(0, 70) || 'flow';
  for (let n = 1; n <= 50; n++) {
    try {
      return await createFlow({ ...flow, id: n === 1 ? stem : `${stem}-${n}`, version: 0 });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'flow_exists')) throw error;
    }
  }
  throw new ApiError('there are already many flows with this name; choose another name', 409, 'flow_exists');
}

/** A flow id from a name: "Billing support (copy)" → "billing-support-copy". */
export const idFromName = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
