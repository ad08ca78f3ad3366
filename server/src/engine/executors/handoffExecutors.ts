import type { HandoffReason, ParsedNode } from '@baton/shared';
import { buildPacket } from '../buildPacket.ts';
import type { CallSession } from '../CallSession.ts';
import type { RuntimeFlow } from '../RuntimeFlow.ts';
import { queueFigures } from '../values.ts';
import { next, wait, type Executor } from './Executor.ts';

/** The transfer a message leads to, so it can name the queue and its wait. */
function upcomingQueue(flow: RuntimeFlow, from: string): string | undefined {
  let id: string | undefined = from;
  for (let hops = 0; id && hops < 8; hops++) {
    const node = flow.compiled.nodes.get(id)!;
    if (node.kind === 'transfer') return node.data.queue;
    id = flow.compiled.next.get(id)?.get('next');
  }
  return undefined;
}

/** When the flow's own path (not a trigger) leads to a person, the reason names that path. */
function pathReason(flow: RuntimeFlow, session: CallSession, node: ParsedNode): HandoffReason {
  const labels = session.path.slice(-3).map((id) => `"${flow.compiled.nodes.get(id)?.label ?? id}"`);
  return { category: 'custom', signal: 'rule', triggerId: null, explanation: `The flow sends this call to a person after ${labels.join(' → ') || `"${node.label}"`}.` };
}

export const transparencyExecutor: Executor = {
  enter(ctx, node) {
    if (!ctx.session.handoff) ctx.session.handoff = { reason: pathReason(ctx.flow, ctx.session, node), at: ctx.at };
    ctx.say(node, 'text', 'transparency', queueFigures(ctx.flow, upcomingQueue(ctx.flow, node.id), ctx.queues));
    return next();
  },
};

export const transferExecutor: Executor = {
  enter(ctx, node) {
    const session = ctx.session;
    const reason = session.handoff?.reason ?? pathReason(ctx.flow, session, node);
    const packet = buildPacket(session, reason, ctx.at);
    session.handoff = { reason, at: session.handoff?.at ?? ctx.at, queue: node.data.queue, packet };
    session.status = 'queued';
    ctx.tried(node, `transferred to ${node.data.queue}`);
    ctx.actions.push({ type: 'transfer', queue: node.data.queue, nodeId: node.id, packet });
    return wait;
  },
  input(ctx, node, input) {
    // While queued, the caller's words are in the transcript for the agent; the flow does not answer them.
    if (input.type !== 'transfer_outcome') return wait;
    if (input.outcome === 'connected') {
      ctx.session.status = 'agent';
      return ctx.flow.compiled.next.get(node.id)?.has('connected') ? next('connected') : wait;
    }
    ctx.session.status = 'ai';
    ctx.tried(node, input.outcome === 'no_agent' ? 'no agent was free' : 'the transfer failed');
    return next(input.outcome);
  },
};
