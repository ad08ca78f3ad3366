/** An agent's live status, set from the agent desk (and by routing on accept, finish and a missed offer). */
export const agentStatuses = ['available', 'busy', 'wrap_up', 'away', 'offline'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

/** What an offer shows before the agent opens the briefing card; the full packet is fetched by `callId`. */
export interface OfferSummary {
  callerName?: string;
  reasonCategory?: string;
  reasonText?: string;
}

/** What routing tells the outside world; a transport (WebSocket) pushes these to desks and calls. Times are ISO. */
export type RoutingEvent =
  | { type: 'offer_made'; offerId: string; callId: string; queueId: string; agentId: string; at: string; expiresAt: string; priority: number; summary?: OfferSummary }
  | { type: 'offer_expired'; offerId: string; callId: string; agentId: string; at: string }
  | { type: 'offer_declined'; offerId: string; callId: string; agentId: string; at: string }
  /** The offer ended without the agent's answer: the caller left, or the agent went away or offline. */
  | { type: 'offer_withdrawn'; offerId: string; callId: string; agentId: string; at: string }
  | { type: 'call_connected'; offerId: string; callId: string; queueId: string; agentId: string; at: string; waitedSeconds: number }
  | { type: 'call_left_queue'; callId: string; queueId: string; at: string }
  | { type: 'call_finished'; callId: string; agentId: string; at: string; handleSeconds: number }
  /** `reason`: why routing changed the status itself (`missed_offer`: an offer ran out, so the agent was set away). */
  | { type: 'agent_status_changed'; agentId: string; status: AgentStatus; at: string; reason?: AgentStatusReason };

/** Why routing, not the agent, set the agent's status. */
export type AgentStatusReason = 'missed_offer';
