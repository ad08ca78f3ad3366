import type { CallStepView } from '@baton/shared';
import { sendJson } from '../../api/fetchJson.ts';

export type CallVersion = 'draft' | 'published';

/** What the person playing the caller does on one turn. */
export type CallerTurn =
  | { text: string; loudnessDb?: number; asrConfidence?: number }
  | { dtmf: string }
  | { silence: true }
  | { transferOutcome: 'connected' | 'no_agent' | 'failed' };

/** Starts a test call on the flow's draft or published version, with the signals shown for every turn. */
export function startTestCall(flowId: string, version: CallVersion): Promise<CallStepView & { callId: string }> {
  return sendJson('/api/calls?signals=true', 'POST', { flowId, version, caller: { name: 'Test caller' } });
}

export function sendTurn(callId: string, turn: CallerTurn): Promise<CallStepView> {
  return sendJson(`/api/calls/${encodeURIComponent(callId)}/turns?signals=true`, 'POST', turn);
}
