import type { FlowDocument } from '@baton/shared';
import { createFlowWithFreeId } from '../../api/createFlowWithFreeId.ts';
import type { FlowDraft } from '../../api/fetchFlow.ts';

/** Stores `flow` as a new flow named "<name> (copy)", under an id the server makes from that name. */
export function copyFlow(flow: FlowDocument): Promise<FlowDraft> {
  return createFlowWithFreeId({ ...flow, name: `${flow.name} (copy)`.slice(0, 120) });
}
