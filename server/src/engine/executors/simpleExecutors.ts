import { ruleHolds } from '../evaluateTriggers.ts';
import type { RuntimeStep } from '../RuntimeFlow.ts';
import { queueFigures, ruleValues } from '../values.ts';
import { next, wait, type Executor, type StepContext } from './Executor.ts';

export const startExecutor: Executor = {
  enter(ctx, step) {
    ctx.say(step, 'greeting', 'message');
    return next();
  },
};

export const sayExecutor: Executor = {
  enter(ctx, step) {
    ctx.say(step, 'text', 'message');
    return next();
  },
};

export const branchExecutor: Executor = {
  enter(ctx, { node, conditionRules }) {
    const values = ruleValues(ctx.flow, ctx.session, node.id, ctx.queues, ctx.at);
    for (const [i, condition] of (node.data.conditions as Array<{ id: string }>).entries()) {
      const rule = conditionRules[i];
      if (rule && ruleHolds(rule, values)) {
        ctx.tried(node, condition.id);
        return next(condition.id);
      }
    }
    ctx.tried(node, 'else');
    return next('else');
  },
};

/** A trigger is entered only when it fired: the call simply follows it. */
export const triggerExecutor: Executor = {
  enter: () => next('fired'),
};

export const endExecutor: Executor = {
  enter(ctx: StepContext, step: RuntimeStep) {
    const { node } = step;
    const queue = ctx.session.handoff?.queue ?? ctx.flow.compiled.flow.settings.queues[0]?.id;
    ctx.say(step, 'message', 'message', queueFigures(ctx.flow, queue, ctx.queues));
    // A call that ends in a promised call back leaves a request an agent can claim.
    if (node.data.disposition === 'callback' && queue) ctx.actions.push({ type: 'callback', queue, phone: callbackPhone(ctx), nodeId: node.id });
    ctx.actions.push({ type: 'hangup', nodeId: node.id });
    ctx.session.status = 'ended';
    ctx.session.disposition = node.data.disposition;
    ctx.session.endedAt = ctx.at;
    return wait;
  },
};

/** The number to call back: the latest phone number the flow collected, else the number the caller called from. */
function callbackPhone(ctx: StepContext): string | null {
  const { session, flow } = ctx;
  for (let i = session.path.length - 1; i >= 0; i--) {
    const node = flow.compiled.nodes.get(session.path.at(i)!);
    if (node?.kind !== 'ask' || node.data.valueType !== 'phone') continue;
    const value = session.slots[node.data.slot as string];
    if (typeof value === 'string' && value) return value;
  }
  return session.caller.phone ?? null;
}
