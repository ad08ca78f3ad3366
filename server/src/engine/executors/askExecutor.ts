import { keyedValue, parseSlotValue } from '../parseSlotValue.ts';
import type { RuntimeStep } from '../RuntimeFlow.ts';
import { next, wait, type Executor, type Outcome, type StepContext } from './Executor.ts';

/** Asks the step's `question` and listens (a question's and a survey's entry). */
export function askQuestion(ctx: StepContext, step: RuntimeStep): Outcome {
  ctx.session.attempts = 0;
  ctx.say(step, 'question', 'question');
  ctx.listen(step.node);
  return wait;
}

/** An answer that did not do: ask again with `retryText` while tries remain, else go on by `givenUp` (recorded as `why`). */
export function askAgain(ctx: StepContext, step: RuntimeStep, givenUp: string, why: string): Outcome {
  ctx.session.attempts += 1;
  if (ctx.session.attempts > (step.node.data.retries as number)) {
    ctx.tried(step.node, why);
    return next(givenUp);
  }
  ctx.say(step, 'retryText', 'question');
  ctx.listen(step.node);
  return wait;
}

/** A value kept hidden: its last four characters only ("•••• 5678"). */
export function hiddenValue(value: unknown): string {
  const text = String(value);
  return text.length > 4 ? `•••• ${text.slice(-4)}` : '••••';
}

/** What is written down of an answer given at a step that keeps it hidden. */
export const HIDDEN_ANSWER = '(an answer kept hidden)';

export const askExecutor: Executor = {
  enter: askQuestion,
  input(ctx, step, input) {
    const { node } = step;
    let value = null;
    if (input.type === 'utterance') {
      const { analyzed, entities } = input.understanding;
      value = parseSlotValue(node.data.valueType, input.text, entities, node.data.pattern, analyzed.tokens);
    } else if (input.type === 'dtmf') {
      value = keyedValue(node.data.valueType, input.digits, node.data.pattern);
    }
    if (value !== null && value !== '') {
      ctx.draft.setSlot(node.data.slot, node.data.sensitive === true ? hiddenValue(value) : value);
      ctx.tried(node, `got ${node.data.slot}`);
      return next('filled');
    }
    return askAgain(ctx, step, 'failed', `could not get ${node.data.slot} after ${ctx.session.attempts + 1} tries`);
  },
};
