import type { CallAction, ParsedNode, SayPurpose, TransferOutcome, TransferResult } from '@baton/shared';
import type { CallSession, SessionDraft } from '../CallSession.ts';
import type { RuntimeFlow, RuntimeStep } from '../RuntimeFlow.ts';
import type { Understanding } from '../understandTurn.ts';
import type { LiveQueues, QueueFigures } from '../values.ts';

/** What a node does next: follow one of its ports, or wait for the next event. */
export type Outcome = { port: string } | { wait: true };

export type CallInput =
  | { type: 'utterance'; understanding: Understanding; text: string }
  | { type: 'dtmf'; digits: string }
  | { type: 'silence' }
  | { type: 'transfer_outcome'; outcome: TransferOutcome; result?: TransferResult; agent?: { id: string; name: string } }
  | { type: 'queue_update'; position: number; ewtSeconds: number | null; agentsAvailable: number; overMaxWait: boolean };

/** The working copy of one step: executors change `session` and add `actions`; nothing else. */
export interface StepContext {
  flow: RuntimeFlow;
  session: CallSession;
  /** Where the step adds to the session's lists (transcript, path, …). */
  draft: SessionDraft;
  actions: CallAction[];
  at: string;
  queues: LiveQueues | undefined;
  /** Renders the step's message in `field` and says it (empty messages are skipped). */
  say(step: RuntimeStep, field: string, purpose: SayPurpose, queue?: QueueFigures | null): void;
  /** Says text that is not one of the step's messages (the flow's safety message). */
  sayText(step: RuntimeStep, text: string, purpose: SayPurpose): void;
  listen(node: ParsedNode): void;
  /** Records what a node did, for the agent's "steps tried". */
  tried(node: ParsedNode, outcome: string): void;
}

/** How the engine runs one node kind at a step of the flow; `input` is for kinds that wait (questions, AI, transfers). */
export interface Executor {
  enter(ctx: StepContext, step: RuntimeStep): Outcome;
  input?(ctx: StepContext, step: RuntimeStep, input: CallInput): Outcome;
}

export const next = (port = 'next'): Outcome => ({ port });
export const wait: Outcome = { wait: true };
