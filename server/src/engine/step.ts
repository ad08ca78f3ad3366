import { renderTemplate, type CallAction, type CallEvent, type HandoffReason, type ParsedNode, type SayPurpose, type TurnSignals } from '@baton/shared';
import { RECENT_TURNS, SessionDraft, type CallSession } from './CallSession.ts';
import { AppendOnlyList } from './AppendOnlyList.ts';
import { buildPacket } from './buildPacket.ts';
import { firingTrigger } from './evaluateTriggers.ts';
import { neverHandleHandoff, understoodByModel, type AiUtterance } from './executors/aiExecutor.ts';
import { next, type CallInput, type Outcome, type StepContext } from './executors/Executor.ts';
import type { RuntimeFlow, RuntimeStep } from './RuntimeFlow.ts';
import { understandTurn } from './understandTurn.ts';
import { messageValues, type LiveQueues, type QueueFigures } from './values.ts';
import { maskPersonalData } from '../privacy/maskPersonalData.ts';
import { HIDDEN_ANSWER } from './executors/askExecutor.ts';
import { contentOf } from '../signals/index.ts';

export interface StepResult {
  session: CallSession;
  actions: CallAction[];
  /** Set when a handoff trigger fired on this event. */
  handoff?: HandoffReason;
  /**
   * What the signals found in this event's own words, with their evidence; absent when the event was not words the
   * AI listened to (keypad, silence, or words said while queued or with an agent), so nothing of an earlier turn is
   * shown as this one's.
   */
  signals?: TurnSignals;
}

/** Live figures a channel may attach to any event (queue waits come from routing). */
export type StepEvent = CallEvent & { queues?: LiveQueues };

/** The compiler refuses loops that never wait; this guard only protects against a bug. */
const MAX_NODES_PER_STEP = 500;
const MAX_SILENCES = 3;
const SILENCE_GOODBYE = "I can't hear anything, so I'll end this call now. Please call us again.";
/** What the caller hears when the agent hangs up from the desk. */
const AGENT_GOODBYE = 'Thanks for calling. Goodbye.';

/** Runs one event through the flow. Pure: no I/O, no clock, no randomness; the same inputs give the same result. */
export function step(flow: RuntimeFlow, session: CallSession, event: StepEvent): StepResult {
  if (session.status === 'ended') return { session, actions: [] };
  const draft = new SessionDraft(session);
  const ctx = new StepState(flow, draft, event);
  const s = ctx.session;
  let handoff: HandoffReason | undefined;
  let signals: TurnSignals | undefined;
  switch (event.type) {
    case 'start':
      s.caller = { ...s.caller, ...event.caller, attributes: { ...s.caller.attributes, ...event.caller?.attributes } };
      s.startedAt = event.at;
      enter(ctx, flow.compiled.startId);
      break;
    case 'utterance': {
      const here = flow.steps.get(s.nodeId)!;
      const hidden = keepsHidden(here, s);
      draft.append('transcript', { from: 'caller', text: hidden ? HIDDEN_ANSWER : event.text, at: event.at, nodeId: s.nodeId });
      if (s.status !== 'ai') {
        input(ctx, { type: 'utterance', understanding: understandTurn(flow, here, s, event.text, event.at), text: event.text }, here);
        break;
      }
      let understanding = understandTurn(flow, here, s, event.text, event.at, event.asrConfidence, event.loudnessDb, event.voice, event.judgement);
      // A turn the language model answered is not a "no match", even when the embedded NLU found no intent.
      if (understoodByModel(flow, s, event.generated)) understanding = { ...understanding, signals: { ...understanding.signals, noMatchStreak: 0 } };
      const answer = here.isAnswer?.(event.text, { entities: understanding.entities, tokens: understanding.analyzed.tokens }) === true;
      if (answer) understanding = { ...understanding, signals: { ...understanding.signals, answer: true } };
      recordTurn(draft, understanding, event, hidden);
      signals = understanding.signals;
      const fired =
        firingTrigger(flow, s, { signals: understanding.signals, dtmf: null, outOfScope: here.outOfScope, answer }, event.at, event.queues) ??
        neverHandleHandoff(flow, s, event.generated);
      const said: AiUtterance = { type: 'utterance', understanding, text: event.text, generated: event.generated };
      if (fired) handoff = handOff(ctx, fired.trigger, fired.reason);
      else input(ctx, said, here);
      break;
    }
    case 'dtmf': {
      // A card number keyed in is kept in the transcript (and so the briefing) as its last four digits only.
      const keyed = maskPersonalData(event.digits);
      const here = flow.steps.get(s.nodeId)!;
      const pressed = keepsHidden(here, s) ? HIDDEN_ANSWER : keyed === event.digits ? `(pressed ${event.digits.split('').join(' ')})` : `(pressed ${keyed})`;
      draft.append('transcript', { from: 'caller', text: pressed, at: event.at, nodeId: s.nodeId });
      s.turnCount += 1;
      s.silenceStreak = 0;
      const fired = firingTrigger(flow, s, { signals: null, dtmf: event.digits, outOfScope: here.outOfScope, answer: here.isAnswer?.(event.digits, null) }, event.at, event.queues);
      if (fired) handoff = handOff(ctx, fired.trigger, fired.reason);
      else input(ctx, { type: 'dtmf', digits: event.digits }, here);
      break;
    }
    case 'silence':
      if (s.status !== 'ai') break;
      s.silenceStreak += 1;
      if (s.silenceStreak >= MAX_SILENCES) hangUp(ctx, SILENCE_GOODBYE, 'abandoned');
      else input(ctx, { type: 'silence' });
      break;
    case 'transfer_outcome':
      if (s.status === 'queued' || s.status === 'agent') input(ctx, { type: 'transfer_outcome', outcome: event.outcome, result: event.result, agent: event.agent });
      break;
    case 'queue_update':
      if (s.status === 'queued') input(ctx, { type: 'queue_update', position: event.position, ewtSeconds: event.ewtSeconds, agentsAvailable: event.agentsAvailable, overMaxWait: event.overMaxWait });
      break;
    case 'agent_message':
      // The agent's words reach the caller as they were typed: they are never a template.
      if (s.status !== 'agent') break;
      ctx.actions.push({ type: 'say', text: event.text, purpose: 'agent', nodeId: s.nodeId });
      draft.append('transcript', { from: 'agent', text: event.text, at: event.at, nodeId: s.nodeId, purpose: 'agent' });
      break;
    case 'agent_hangup':
      if (s.status !== 'agent') break;
      hangUp(ctx, AGENT_GOODBYE, event.disposition ?? 'ended_by_agent');
      break;
    case 'agent_transfer': {
      // The caller waits again, now for the other queue, whose agent gets the briefing with the first agent's note.
      if (s.status !== 'agent' || !s.handoff) break;
      const text = `I'm transferring you to our ${event.queueName}. They'll have the details of your call.`;
      ctx.actions.push({ type: 'say', text, purpose: 'transparency', nodeId: s.nodeId });
      draft.append('transcript', { from: 'ai', text, at: event.at, nodeId: s.nodeId, purpose: 'transparency' });
      // The briefing with the whole conversation so far, what the caller was just told, and the agent's note.
      const packet = { ...(s.handoff.packet ?? buildPacket(s, s.handoff.reason, event.at)), transcript: s.transcript.toArray(), transferredBy: { agentId: event.agentId, agentName: event.agentName, fromQueue: s.handoff.queue ?? '', note: event.note, at: event.at } };
      s.status = 'queued';
      s.agent = null;
      s.waiting = { lastUpdateAt: event.at, callbackOffered: false };
      s.handoff = { ...s.handoff, queue: event.queueId, packet, outcome: undefined };
      ctx.actions.push({ type: 'transfer', queue: event.queueId, nodeId: s.handoff.nodeId ?? s.nodeId, packet });
      break;
    }
    case 'agent_hand_back': {
      // The flow goes on after the transfer step that routed the call, where its "after the agent" output leads.
      const transfer = s.handoff?.nodeId ? flow.steps.get(s.handoff.nodeId) : undefined;
      if (s.status !== 'agent' || !transfer?.next.has('after_agent')) break;
      s.status = 'ai';
      s.slots = { ...s.slots, ...event.slots };
      s.handoff = { ...s.handoff!, handedBack: { note: event.note, at: event.at, agentId: event.agentId, turns: s.turnCount } };
      // The assistant listens afresh: what the caller said before the agent (their mood, repeats, voice level, turns
      // not understood) does not send them straight back to a person; what they say now, danger above all, may.
      s.recentTurns = AppendOnlyList.of();
      s.asrTrend = AppendOnlyList.of();
      s.noMatchStreak = 0;
      ctx.tried(transfer.node, 'the agent handed the call back');
      follow(ctx, transfer, next('after_agent'));
      break;
    }
    case 'hangup':
      // Hanging up while waiting for a person is not hanging up on the assistant, nor ending a talk with an agent.
      s.disposition ??= s.status === 'queued' ? 'abandoned_in_queue' : s.status === 'agent' ? 'ended_by_caller' : 'abandoned';
      s.status = 'ended';
      s.endedAt = event.at;
      break;
    default: {
      // Every kind of event has its case: a new one is a type error here until it does.
      const unhandled: never = event;
      void unhandled;
    }
  }
  return { session: s, actions: ctx.actions, handoff, ...(signals ? { signals } : {}) };
}

/** An answer to a question whose answer is kept hidden ("Keep the answer hidden"): not written down. */
export function keepsHidden(here: { node: { kind: string; data: Record<string, unknown> } }, s: CallSession): boolean {
  return s.status === 'ai' && here.node.kind === 'ask' && here.node.data.sensitive === true;
}

/** What is remembered of a hidden answer's words: none (its mood and loudness still count). */
const NO_WORDS = { text: '', normalized: '', tokens: [], stems: [] };
const NO_CONTENT = contentOf(NO_WORDS);

function recordTurn(draft: SessionDraft, u: ReturnType<typeof understandTurn>, event: { at: string; asrConfidence?: number; loudnessDb?: number }, hidden = false): void {
  const s = draft.session;
  s.turnCount += 1;
  s.silenceStreak = 0;
  draft.append('sentimentTrend', u.signals.sentiment.value);
  if (event.asrConfidence !== undefined) draft.append('asrTrend', event.asrConfidence);
  s.noMatchStreak = u.signals.noMatchStreak;
  s.lastSignals = u.signals;
  if (u.classification?.intent) {
    s.lastIntent = { name: u.classification.intent, confidence: u.classification.confidence };
    draft.append('intents', { name: u.classification.intent, confidence: Math.round(u.classification.confidence * 1000) / 1000, nodeId: s.nodeId, at: event.at });
  }
  draft.append('recentTurns', { analyzed: hidden ? NO_WORDS : u.analyzed, content: hidden ? NO_CONTENT : u.content, intent: u.signals.intent, nodeId: s.nodeId, sentiment: u.signals.sentiment.value, frustration: u.signals.frustration.probability, loudnessDb: event.loudnessDb }, RECENT_TURNS);
}

function handOff(ctx: StepContext, trigger: ParsedNode, reason: HandoffReason): HandoffReason {
  ctx.session.handoff = { reason, at: ctx.at, fromNodeId: ctx.session.nodeId, turns: ctx.session.turnCount };
  ctx.tried(trigger, `handoff: ${reason.signal.replace(/_/g, ' ')}`);
  enter(ctx, trigger.id);
  return reason;
}

function hangUp(ctx: StepContext, text: string, disposition: string): void {
  const s = ctx.session;
  ctx.draft.append('transcript', { from: 'ai', text, at: ctx.at, nodeId: s.nodeId, purpose: 'message' });
  ctx.actions.push({ type: 'say', text, purpose: 'message', nodeId: s.nodeId }, { type: 'hangup', nodeId: s.nodeId });
  s.status = 'ended';
  s.disposition = disposition;
  s.endedAt = ctx.at;
}

/** Gives the step the call waits at (`current`, when the caller already looked it up) what the caller did. */
function input(ctx: StepContext, callInput: CallInput, current = ctx.flow.steps.get(ctx.session.nodeId)!): void {
  const executor = current.executor;
  if (!executor.input) return;
  follow(ctx, current, executor.input(ctx, current, callInput));
}

function enter(ctx: StepContext, nodeId: string): void {
  const target = ctx.flow.steps.get(nodeId)!;
  ctx.session.nodeId = target.node.id;
  ctx.draft.append('path', target.node.id);
  follow(ctx, target, target.executor.enter(ctx, target));
}

/** Follows ports until a node waits; iterative so long chains cannot overflow the stack. */
function follow(ctx: StepContext, from: RuntimeStep, first: Outcome): void {
  let current = from;
  let outcome = first;
  for (let hops = 0; 'port' in outcome; hops++) {
    const target = current.next.get(outcome.port);
    if (!target || hops >= MAX_NODES_PER_STEP) {
      if (!target) return; // e.g. a transfer's unconnected "connected": the agent has the call
      return hangUp(ctx, 'Sorry, something went wrong on our side. Please call us again.', 'error');
    }
    current = target;
    ctx.session.nodeId = target.node.id;
    ctx.draft.append('path', target.node.id);
    outcome = target.executor.enter(ctx, target);
  }
}

/** One step's working state; a class rather than closures, as a step is made for every event of every call. */
class StepState implements StepContext {
  readonly session: CallSession;
  readonly actions: CallAction[] = [];
  readonly at: string;
  readonly queues: LiveQueues | undefined;

  constructor(
    readonly flow: RuntimeFlow,
    readonly draft: SessionDraft,
    event: StepEvent,
  ) {
    this.session = draft.session;
    this.at = event.at;
    this.queues = event.queues;
  }

  say(step: RuntimeStep, field: string, purpose: SayPurpose, queue: QueueFigures | null = null): void {
    const message = step.messages.get(field);
    if (!message) return;
    // Most messages are plain text: build the variables only for those that use some.
    const text = 'text' in message ? message.text : renderTemplate(message.template, messageValues(this.flow, this.session, queue, message.uses));
    if (text) this.sayText(step, text, purpose);
  }

  sayText({ node }: RuntimeStep, text: string, purpose: SayPurpose): void {
    this.actions.push({ type: 'say', text, purpose, nodeId: node.id });
    this.draft.append('transcript', { from: 'ai', text, at: this.at, nodeId: node.id, purpose });
  }

  listen(node: ParsedNode): void {
    this.actions.push({ type: 'listen', nodeId: node.id });
  }

  tried(node: ParsedNode, outcome: string): void {
    this.draft.append('stepsTried', { nodeId: node.id, kind: node.kind, label: node.label, outcome });
  }
}
