import type { AgentStatus, AgentStatusReason, CallbackRequest, ConversationEvent, DeskLine, HandoffPacket, SlotValue, HandoffFeedback } from '@baton/shared';
import { sendJson, fetchJson } from '../api/fetchJson.ts';

export type Disposition = 'resolved' | 'follow_up' | 'transferred';

export interface DeskOffer {
  offerId: string;
  callId: string;
  queueId: string;
  /** The queue's name, as agents know it. */
  queueName?: string;
  expiresAt: string;
  packet: HandoffPacket;
}

export interface DeskCall {
  callId: string;
  queueId: string;
  /** The queue's name, as agents know it. */
  queueName?: string;
  connectedAt: string;
  packet: HandoffPacket;
  /** What the caller and the agent said since the agent took the call, oldest first. */
  conversation: DeskLine[];
  /** When the caller hung up (ISO). Also learnt from `caller_hung_up`, so the desk knows it even if the state read does not say. */
  callerHungUpAt?: string;
  /** When this agent ended the call with "Hang up" (ISO); the wrap-up is still to save. */
  agentHungUpAt?: string;
  /** The flow has a way back to the assistant after the agent (the transfer step's "after the agent" output). */
  canHandBack?: boolean;
  /** When this agent handed the call back to the assistant (ISO); the wrap-up is still to save. */
  handedBackAt?: string;
  /** When this agent sent the call on to another queue (ISO), and which; the wrap-up is still to save. */
  transferredAt?: string;
  transferredTo?: string;
}

/** Everything a desk needs to show after a load or a reconnect. */
export interface DeskState {
  agentId: string;
  name: string;
  status: AgentStatus;
  /** Why routing set the status itself (`missed_offer`: set away after an offer ran out), until the agent sets one. */
  statusReason?: AgentStatusReason;
  capacity: number;
  offers: DeskOffer[];
  calls: DeskCall[];
  /** Open callback requests in the agent's queues and the ones this agent claimed, earliest window first. */
  callbacks: CallbackRequest[];
}

/** The events the server pushes to one agent's desk. */
export const deskEventTypes = [
  'offer_made',
  'offer_expired',
  'offer_declined',
  'offer_withdrawn',
  'call_connected',
  'call_finished',
  'agent_status_changed',
  'caller_said',
  'agent_said',
  'caller_hung_up',
  'callback_created',
  'callback_claimed',
] as const satisfies readonly string[];

/** The conversation and callback events, whose payload the desk reads before it re-reads the state. */
export const conversationEventTypes = ['caller_said', 'agent_said', 'caller_hung_up', 'callback_created', 'callback_claimed'] as const satisfies readonly ConversationEvent['type'][];

const agentUrl = (agentId: string) => `/api/desk/agents/${encodeURIComponent(agentId)}`;

/** A state read with the lists a server may leave out filled in, so a desk never breaks on a server one step behind the page. */
const complete = (state: DeskState): DeskState => ({
  ...state,
  calls: state.calls.map((call) => ({ ...call, conversation: call.conversation ?? [] })),
  callbacks: state.callbacks ?? [],
});

export const fetchDeskState = (agentId: string, signal?: AbortSignal) => fetchJson<DeskState>(`${agentUrl(agentId)}/state`, signal).then(complete);

export const setAgentStatus = (agentId: string, status: 'available' | 'away' | 'offline') =>
  sendJson<DeskState>(`${agentUrl(agentId)}/status`, 'POST', { status }).then(complete);

export const deskEventsUrl = (agentId: string) => `${agentUrl(agentId)}/events`;

export const acceptOffer = (offerId: string) => sendJson<{ status: 'connected'; callId: string }>(`/api/desk/offers/${encodeURIComponent(offerId)}/accept`, 'POST');

export const declineOffer = (offerId: string) => sendJson<{ status: 'declined' }>(`/api/desk/offers/${encodeURIComponent(offerId)}/decline`, 'POST');

export const saveWrapUp = (callId: string, wrapUp: { agentId: string; disposition: Disposition; note: string; hadToAskAgain: boolean; handoffFeedback?: HandoffFeedback }) =>
  sendJson<unknown>(`/api/desk/calls/${encodeURIComponent(callId)}/wrap-up`, 'POST', wrapUp);

/** Ends the call: the caller hears goodbye and the line is hung up; the wrap-up is saved afterwards. */
export const hangUp = (callId: string, agentId: string) =>
  sendJson<{ callId: string; endedAt: string }>(`/api/desk/calls/${encodeURIComponent(callId)}/hang-up`, 'POST', { agentId });

/** Sends the call on to another queue, whose agent gets the briefing with this note. */
export const transferCall = (callId: string, agentId: string, queueId: string, note: string) =>
  sendJson<{ callId: string; queueId: string; transferredAt: string }>(`/api/desk/calls/${encodeURIComponent(callId)}/transfer`, 'POST', { agentId, queueId, note });

/** Hands the call back to the assistant, with a note and the values the agent found out or corrected. */
export const handBack = (callId: string, agentId: string, note: string, slots: Record<string, SlotValue>) =>
  sendJson<{ callId: string; handedBackAt: string }>(`/api/desk/calls/${encodeURIComponent(callId)}/hand-back`, 'POST', { agentId, note, slots });

/** What the agent types to the caller; the caller's side gets it as the agent's words. */
export const sendMessage = (callId: string, agentId: string, text: string) =>
  sendJson<{ at: string }>(`/api/desk/calls/${encodeURIComponent(callId)}/messages`, 'POST', { agentId, text });

/** Takes a callback request for this agent; 409 `callback_already_claimed` when another agent was faster. */
export const claimCallback = (callbackId: string, agentId: string) =>
  sendJson<CallbackRequest>(`/api/desk/callbacks/${encodeURIComponent(callbackId)}/claim`, 'POST', { agentId });
