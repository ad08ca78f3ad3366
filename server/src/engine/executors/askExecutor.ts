import { parseSlotValue } from '../parseSlotValue.ts';
import { next, wait, type Executor } from './Executor.ts';

export const askExecutor: Executor = {
  enter(ctx, step) {
    ctx.session.attempts = 0;
    ctx.say(step, 'question', 'question');
    ctx.listen(step.node);
    return wait;
  },
  input(ctx, step, input) {
    const { node } = step;
    let value = null;
    if (input.type === 'utterance') {
      const { analyzed, entities } = input.understanding;
      value = parseSlotValue(node.data.valueType, input.text, entities, node.data.pattern, analyzed.tokens);
    } else if (input.type === 'dtmf' && ['number', 'pattern', 'phone', 'free_text'].includes(node.data.valueType)) {
      const digits = input.digits.replace(/[^0-9]/g, '');
      value = node.data.valueType === 'number' ? (digits ? Number(digits) : null) : parseSlotValue(node.data.valueType, digits, [], node.data.pattern, [digits]);
    }
    if (value !== null && value !== '') {
      ctx.draft.setSlot(node.data.slot, value);
      ctx.tried(node, `got ${node.data.slot}`);
      return next('filled');
    }
    ctx.session.attempts += 1;
    if (ctx.session.attempts > node.data.retries) {
      ctx.tried(node, `could not get ${node.data.slot} after ${ctx.session.attempts} tries`);
      return next('failed');
    }
    ctx.say(step, 'retryText', 'question');
    ctx.listen(node);
    return wait;
  },
};
