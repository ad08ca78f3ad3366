import type { CallAction, CallState, CallStepView } from '@baton/shared';
import { sendJson } from '../../api/fetchJson.ts';

export type CallVersion = 'draft' | 'published';

/** What the person playing the caller does on one turn. */
export type CallerTurn =
  | { text: string; loudnessDb?: number; asrConfidence?: number }
  | { dtmf: string }
  | { silence: true }
  | { transferOutcome: 'connected' | 'no_agent' | 'failed' }
  | { hangup: true };

/** `routing`: handoffs go to the real queues and agents on the agent desk. `manual`: the person at the console says what happens. */
export type Transfers = 'routing' | 'manual';

/** What the server pushes to a call between the caller's own turns (wait updates, "you're through", the agent's words). */
export interface CallUpdate {
  actions: CallAction[];
  state: CallState;
}

/** Starts a test call on the flow's draft or published version, with the signals shown for every turn. */
export function startTestCall(flowId: string, version: CallVersion, transfers: Transfers): Promise<CallStepView & { callId: string }> {
  return sendJson('/api/calls?signals=true', 'POST', { flowId, version, transfers, caller: { name: 'Test caller' } });
}

export const callEventsUrl = (callId: string) => `/api/calls/${encodeURIComponent(callId)}/events`;

export function sendTurn(callId: string, turn: CallerTurn): Promise<CallStepView> {
  return sendJson(`/api/calls/${encodeURIComponent(callId)}/turns?signals=true`, 'POST', turn);
}
