import type { FlowDocument } from '@baton/shared';
import { createFlowWithFreeId } from '../../api/createFlowWithFreeId.ts';
import type { FlowDraft } from '../../api/fetchFlow.ts';

/** Stores `flow` as a new flow named "<name> (copy)" under the first free id "<id>-copy", "<id>-copy-2", … */
export function copyFlow(flow: FlowDocument): Promise<FlowDraft> {
  return createFlowWithFreeId({ ...flow, name: `${flow.name} (copy)`.slice(0, 120) }, `${flow.id.slice(0, 70)}-copy`);
}
