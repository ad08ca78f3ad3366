import type { QueueSettings } from './queueSettings.ts';
import type { AgentStatus } from './routingEvents.ts';

/** One queue at a moment, as a supervisor watches it. Durations are whole seconds. */
export interface QueueLiveFigures {
  queueId: string;
  name: string;
  /** Within the queue's business hours now (holidays count as closed). */
  open: boolean;
  /** Callers not yet connected to an agent, including those being offered to one right now. */
  waiting: number;
  /** How long the caller who has waited longest has waited; 0 when nobody waits. */
  longestWaitSeconds: number;
  /** Agents with the queue's skills who could take a call right now. */
  agentsAvailable: number;
  /** Agents with the queue's skills who are signed in: available, on a call or wrapping up (not away, not signed out). */
  agentsSignedIn: number;
  /** What a new caller would wait; null when the queue is closed or nobody with its skills is signed in. */
  estimatedWaitSeconds: number | null;
  /** The queue's target: this share of callers answered within this many seconds. */
  serviceLevel: QueueSettings['serviceLevel'];
  /** Today in the queue's time zone: calls answered, how many within the goal, and callers who hung up while waiting. */
  today: { answered: number; answeredWithinGoal: number; abandoned: number };
}

/** A call handed to a person and not over yet: waiting in a queue, or with an agent. */
export interface HandedOverCall {
  callId: string;
  queueId: string;
  queueName: string;
  callerName?: string;
  /** Why it was handed over (the handoff category). */
  reasonCategory: string;
  status: 'waiting' | 'with_agent';
  /** Since when (ISO): joined the queue, or connected to the agent. */
  since: string;
  agentName?: string;
}

/** One agent at a moment. */
export interface AgentLiveStatus {
  agentId: string;
  name: string;
  status: AgentStatus;
  /** Calls the agent is connected to now. */
  calls: number;
  /** ISO time the agent entered this status, when routing knows it (not for away or signed out). */
  since?: string;
}

/** What `GET /api/routing/live` answers: every queue's and agent's live figures at `at` (ISO). */
export interface LiveFigures {
  at: string;
  queues: QueueLiveFigures[];
  agents: AgentLiveStatus[];
  /** The calls handed to people, waiting or with an agent, longest first. */
  calls: HandedOverCall[];
}
