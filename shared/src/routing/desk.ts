/** A promise to call the customer back within a time window; agents see open ones in the desk and claim them. */
export interface CallbackRequest {
  id: string;
  callId: string;
  queueId: string;
  /** E.164-like: an optional "+" and 7 to 15 digits. */
  phone: string;
  /** ISO times: the window promised to the customer. */
  window: { from: string; to: string };
  createdAt: string;
  claimedBy?: { agentId: string; at: string };
  callerName?: string;
  /** Why the caller wanted a person (the handoff's explanation). */
  reason?: string;
  /** The handoff packet's three-line summary. */
  summary?: string;
  /** A caller who may be in danger (the safety signal): called back before everyone else, as soon as someone is free. */
  urgent?: true;
}

/** One line of the conversation between the caller and the agent, after the agent took the call. */
export interface DeskLine {
  from: 'caller' | 'agent';
  text: string;
  /** ISO time. */
  at: string;
}

/**
 * Events a desk receives besides routing's: the live conversation of a connected call, and callback requests in the
 * agent's queues (sent to every desk whose agent has the queue's skills).
 */
export type ConversationEvent =
  | { type: 'caller_said'; callId: string; agentId: string; text: string; at: string }
  | { type: 'agent_said'; callId: string; agentId: string; text: string; at: string }
  | { type: 'caller_hung_up'; callId: string; agentId: string; at: string }
  | { type: 'callback_created'; callback: CallbackRequest }
  | { type: 'callback_claimed'; callback: CallbackRequest };
