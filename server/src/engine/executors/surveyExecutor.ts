import { SURVEY_SLOT, surveyScoreOf } from '@baton/shared';
import { askAgain, askQuestion } from './askExecutor.ts';
import { next, wait, type Executor } from './Executor.ts';

/** Asks for a 1–5 score; keeps it with the call (and in slots.survey_score) and goes on by `answered` or `no_answer`. */
export const surveyExecutor: Executor = {
  enter: askQuestion,
  input(ctx, step, input) {
    const { node } = step;
    const score = input.type === 'dtmf' ? surveyScoreOf(input.digits) : input.type === 'utterance' ? surveyScoreOf(input.text) : null;
    if (score !== null) {
      ctx.session.survey = { score, at: ctx.at, nodeId: node.id };
      ctx.draft.setSlot(SURVEY_SLOT, score);
      ctx.tried(node, `scored the call ${score} of 5`);
      ctx.say(step, 'thanksText', 'message');
      return next('answered');
    }
    // Waiting updates and transfer outcomes are not answers; only what the caller said, pressed or left silent counts.
    if (input.type !== 'utterance' && input.type !== 'dtmf' && input.type !== 'silence') return wait;
    return askAgain(ctx, step, 'no_answer', 'gave no score');
  },
};
