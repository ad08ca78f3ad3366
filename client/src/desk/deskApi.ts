import type { AgentStatus, HandoffPacket } from '@baton/shared';
import { sendJson, fetchJson } from '../api/fetchJson.ts';

export type Disposition = 'resolved' | 'follow_up' | 'transferred';

export interface DeskOffer {
  offerId: string;
  callId: string;
  queueId: string;
  expiresAt: string;
  packet: HandoffPacket;
}

export interface DeskCall {
  callId: string;
  queueId: string;
  connectedAt: string;
  packet: HandoffPacket;
}

/** Everything a desk needs to show after a load or a reconnect. */
export interface DeskState {
  agentId: string;
  name: string;
  status: AgentStatus;
  capacity: number;
  offers: DeskOffer[];
  calls: DeskCall[];
}

/** The events the server pushes to one agent's desk. */
export const deskEventTypes = ['offer_made', 'offer_expired', 'offer_declined', 'offer_withdrawn', 'call_connected', 'call_finished', 'agent_status_changed'] as const;

const agentUrl = (agentId: string) => `/api/desk/agents/${encodeURIComponent(agentId)}`;

export const fetchDeskState = (agentId: string, signal?: AbortSignal) => fetchJson<DeskState>(`${agentUrl(agentId)}/state`, signal);

export const setAgentStatus = (agentId: string, status: 'available' | 'away' | 'offline') => sendJson<DeskState>(`${agentUrl(agentId)}/status`, 'POST', { status });

export const deskEventsUrl = (agentId: string) => `${agentUrl(agentId)}/events`;

export const acceptOffer = (offerId: string) => sendJson<{ status: 'connected'; callId: string }>(`/api/desk/offers/${encodeURIComponent(offerId)}/accept`, 'POST');

export const declineOffer = (offerId: string) => sendJson<{ status: 'declined' }>(`/api/desk/offers/${encodeURIComponent(offerId)}/decline`, 'POST');

export const saveWrapUp = (callId: string, wrapUp: { agentId: string; disposition: Disposition; note: string; hadToAskAgain: boolean }) =>
  sendJson<unknown>(`/api/desk/calls/${encodeURIComponent(callId)}/wrap-up`, 'POST', wrapUp);
