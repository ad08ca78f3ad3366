import type { ParsedNode } from '@baton/shared';
import { ruleHolds } from '../evaluateTriggers.ts';
import { queueFigures, ruleValues } from '../values.ts';
import { next, wait, type Executor, type StepContext } from './Executor.ts';

export const startExecutor: Executor = {
  enter(ctx, node) {
    ctx.say(node, 'greeting', 'message');
    return next();
  },
};

export const sayExecutor: Executor = {
  enter(ctx, node) {
    ctx.say(node, 'text', 'message');
    return next();
  },
};

export const branchExecutor: Executor = {
  enter(ctx, node) {
    const values = ruleValues(ctx.session, queueFigures(ctx.flow, undefined, ctx.queues), ctx.at);
    for (const [i, condition] of (node.data.conditions as Array<{ id: string }>).entries()) {
      const rule = ctx.flow.compiled.rules.get(`${node.id}/conditions.${i}.rule`);
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
  enter(ctx: StepContext, node: ParsedNode) {
    ctx.say(node, 'message', 'message');
    ctx.actions.push({ type: 'hangup', nodeId: node.id });
    ctx.session.status = 'ended';
    ctx.session.disposition = node.data.disposition;
    ctx.session.endedAt = ctx.at;
    return wait;
  },
};
