import type { HandoffReason, ParsedNode, TransferTarget } from '@baton/shared';
import { buildPacket } from '../buildPacket.ts';
import { handoffUnderway, type CallSession } from '../CallSession.ts';
import type { RuntimeFlow, RuntimeStep } from '../RuntimeFlow.ts';
import { queueFigures, UNNAMED_AGENT } from '../values.ts';
import { next, wait, type CallInput, type Executor, type Outcome, type StepContext } from './Executor.ts';

/** The transfer a message leads to, so it can name the queue and say what routing expects for the call there. */
function upcomingTransfer(flow: RuntimeFlow, from: string): ParsedNode | undefined {
  let id: string | undefined = from;
  for (let hops = 0; id && hops < 8; hops++) {
    const node = flow.compiled.nodes.get(id)!;
    if (node.kind === 'transfer') return node;
    id = flow.compiled.next.get(id)?.get('next');
  }
  return undefined;
}

/** The transparency message that is true for what routing expects: only the one for a call that can be taken speaks a wait. */
const TEXT_FOR = { connect: 'text', busy: 'busyText', closed: 'closedText' } as const;

/** When the flow's own path (not a trigger) leads to a person, the reason names that path. */
function pathReason(flow: RuntimeFlow, session: CallSession, node: ParsedNode): HandoffReason {
  const labels = session.path.slice(-3).map((id) => `"${flow.compiled.nodes.get(id)?.label ?? id}"`);
  return { category: 'custom', signal: 'rule', triggerId: null, explanation: `The flow sends this call to a person after ${labels.join(' → ') || `"${node.label}"`}.` };
}

export const transparencyExecutor: Executor = {
  enter(ctx, step) {
    const { node } = step;
    if (!handoffUnderway(ctx.session)) ctx.session.handoff = { reason: pathReason(ctx.flow, ctx.session, node), at: ctx.at, fromNodeId: node.id, turns: ctx.session.turnCount };
    // Routing's expectation is worked out now, before a word is said, for the call as the transfer will route it. A
    // transfer to a phone system outside Baton is not Baton's to predict: the queue's typical wait stands.
    const transfer = upcomingTransfer(ctx.flow, node.id);
    const routed = (transfer?.data.target as TransferTarget | undefined)?.type === 'baton';
    const figures = transfer && queueFigures(ctx.flow, transfer.data.queue, routed ? ctx.queues : undefined, { skills: transfer.data.skills, priority: transfer.data.priority });
    ctx.say(step, TEXT_FOR[figures?.outcome ?? 'connect'], 'transparency', figures ?? null);
    return next();
  },
};

/** The caller's answer to the call-back offer while waiting: 1 on the keypad, or asking for a call back in words. */
const CALLBACK_WORDS = /\b(call(ing)? (me )?back|callback|ring me back|yes,? please)\b/i;

function wantsCallback(input: CallInput): boolean {
  if (input.type === 'dtmf') return input.digits === '1';
  return input.type === 'utterance' && CALLBACK_WORDS.test(input.text) && !/\b(no|don't|do not)\b/i.test(input.text);
}

export const transferExecutor: Executor = {
  enter(ctx, { node }) {
    const session = ctx.session;
    const underway = handoffUnderway(session);
    const reason = underway?.reason ?? pathReason(ctx.flow, session, node);
    const packet = buildPacket(session, reason, ctx.at);
    const decided = underway ?? { at: ctx.at, fromNodeId: node.id, turns: session.turnCount };
    session.handoff = { reason, at: decided.at, fromNodeId: decided.fromNodeId, turns: decided.turns, queue: node.data.queue, packet, nodeId: node.id };
    session.status = 'queued';
    // The transparency message before the transfer already told the caller the wait.
    session.waiting = { lastUpdateAt: ctx.at, callbackOffered: false };
    ctx.tried(node, `transferred to ${node.data.queue}`);
    const target = node.data.target as TransferTarget;
    const whisper = node.data.warm && (target.type === 'number' || target.type === 'sip');
    ctx.actions.push({ type: 'transfer', queue: node.data.queue, nodeId: node.id, packet, ...(target.type === 'baton' ? {} : { target }), ...(whisper ? { warm: true as const } : {}) });
    return wait;
  },
  input(ctx, step, input) {
    const { node } = step;
    const session = ctx.session;
    if (input.type === 'queue_update') return queueUpdate(ctx, step, input);
    if (input.type !== 'transfer_outcome') {
      // While queued, the caller's words are in the transcript for the agent; the flow only answers a call-back offer.
      if (session.status === 'queued' && session.waiting?.callbackOffered && wantsCallback(input)) {
        session.status = 'ai';
        session.waiting = null;
        session.handoff = { ...session.handoff!, outcome: 'no_answer' };
        ctx.tried(node, 'the caller chose a call back');
        return next('no_agent');
      }
      return wait;
    }
    session.waiting = null;
    // A channel that says only the port (connected, no agent, failed): no agent is nobody answering in time.
    session.handoff = { ...session.handoff!, outcome: input.result ?? (input.outcome === 'no_agent' ? 'no_answer' : input.outcome), outcomeAt: ctx.at };
    if (input.outcome === 'connected') {
      session.status = 'agent';
      session.agent = input.agent ?? UNNAMED_AGENT;
      ctx.say(step, 'connectedText', 'message', queueFigures(ctx.flow, session.handoff?.queue ?? node.data.queue, ctx.queues));
      return ctx.flow.compiled.next.get(node.id)?.has('connected') ? next('connected') : wait;
    }
    session.status = 'ai';
    ctx.tried(node, input.outcome === 'no_agent' ? 'no agent was free' : 'the transfer failed');
    // A caller who may be in danger hears where to get help now, before the flow offers a call back (which comes first).
    if (session.handoff?.reason.signal === 'safety') ctx.sayText(step, ctx.flow.compiled.flow.settings.safetyMessage, 'transparency');
    return next(input.outcome);
  },
};

/** While the caller waits: the position and wait every `updateEverySeconds`, and once the call-back offer when the wait is too long. */
function queueUpdate(ctx: StepContext, step: RuntimeStep, update: Extract<CallInput, { type: 'queue_update' }>): Outcome {
  const { node } = step;
  const waiting = ctx.session.waiting ?? { lastUpdateAt: ctx.at, callbackOffered: false };
  // The call's queue: the step's, or another an agent sent the call on to.
  const figures = { ...queueFigures(ctx.flow, ctx.session.handoff?.queue ?? node.data.queue, ctx.queues)!, position: update.position, agentsAvailable: update.agentsAvailable };
  if (update.ewtSeconds !== null) figures.ewtSeconds = update.ewtSeconds;
  else figures.waitUnknown = true;
  const connectedPort = ctx.flow.compiled.next.get(node.id);
  if (update.overMaxWait && !waiting.callbackOffered && connectedPort?.has('no_agent')) {
    ctx.say(step, 'callbackOfferText', 'transparency', figures);
    ctx.session.waiting = { lastUpdateAt: ctx.at, callbackOffered: true };
    return wait;
  }
  const every = node.data.updateEverySeconds as number;
  if (every > 0 && Date.parse(ctx.at) - Date.parse(waiting.lastUpdateAt) >= every * 1000) {
    ctx.say(step, 'waitingText', 'transparency', figures);
    ctx.session.waiting = { ...waiting, lastUpdateAt: ctx.at };
  }
  return wait;
}
