import type { CallbackRequest, ConversationEvent, DeskLine } from '@baton/shared';
import type { DeskState } from './deskApi.ts';

const sameLine = (a: DeskLine, b: DeskLine) => a.from === b.from && a.at === b.at && a.text === b.text;

const byWindow = (a: CallbackRequest, b: CallbackRequest) => a.window.from.localeCompare(b.window.from) || a.id.localeCompare(b.id);

/** The desk with one more line on a call, unless the line is already there (the agent's own words come back as `agent_said`). */
export function withLine(state: DeskState, callId: string, line: DeskLine): DeskState {
  return {
    ...state,
    calls: state.calls.map((call) =>
      call.callId !== callId || call.conversation.some((l) => sameLine(l, line)) ? call : { ...call, conversation: [...call.conversation, line] },
    ),
  };
}

/** The desk with the callback as this agent should see it: open or claimed by them is listed, claimed by someone else is gone. */
export function withCallback(state: DeskState, callback: CallbackRequest): DeskState {
  const others = state.callbacks.filter((c) => c.id !== callback.id);
  const visible = !callback.claimedBy || callback.claimedBy.agentId === state.agentId;
  return { ...state, callbacks: visible ? [...others, callback].sort(byWindow) : others };
}

/** The desk with the callers who hung up marked on their calls; a state read may not say so, the events did. */
export function withHangUps(state: DeskState, hungUp: ReadonlyMap<string, string>): DeskState {
  if (!state.calls.some((c) => hungUp.has(c.callId) && !c.callerHungUpAt)) return state;
  return { ...state, calls: state.calls.map((c) => (c.callerHungUpAt || !hungUp.has(c.callId) ? c : { ...c, callerHungUpAt: hungUp.get(c.callId) })) };
}

/** The desk right after a conversation or callback event, before the state read that follows confirms it. */
export function applyConversationEvent(state: DeskState, event: ConversationEvent): DeskState {
  switch (event.type) {
    case 'caller_said':
    case 'agent_said':
      return withLine(state, event.callId, { from: event.type === 'caller_said' ? 'caller' : 'agent', text: event.text, at: event.at });
    case 'caller_hung_up':
      return withHangUps(state, new Map([[event.callId, event.at]]));
    case 'callback_created':
    case 'callback_claimed':
      return withCallback(state, event.callback);
  }
}
