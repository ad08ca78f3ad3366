import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';
import { labelSchema, messageSchema } from './common.ts';

/** Where the score is kept, so rules can read it (`slots.survey_score < 3`). */
export const SURVEY_SLOT = 'survey_score';

export const DEFAULT_SURVEY_QUESTION = 'Before you go: how satisfied are you with this call, from 1 for not at all to 5 for very? Press or say a number.';
export const DEFAULT_SURVEY_RETRY = 'Please press or say a number from 1 to 5.';
export const DEFAULT_SURVEY_THANKS = 'Thank you for telling us.';

export const surveyData = z.strictObject({
  label: labelSchema,
  question: messageSchema.min(1, 'write the question'),
  /** Asked again when the answer is not a number from 1 to 5 (or the caller says nothing). */
  retryText: messageSchema.default(DEFAULT_SURVEY_RETRY),
  retries: z.number().int().min(0).max(3).default(1),
  /** Said once the caller has given a score; empty says nothing. */
  thanksText: messageSchema.default(DEFAULT_SURVEY_THANKS),
});

/**
 * A satisfaction survey: a 1–5 question answered on the keypad or in words. The score is kept with the call (its log,
 * the analytics and the briefing of the caller's next call) and in `slots.survey_score`.
 */
export const survey = defineNodeKind({
  kind: 'survey',
  label: 'Satisfaction survey',
  description: 'Asks the caller to rate the call from 1 to 5 (keypad or speech) and keeps the score with the call.',
  hasInput: true,
  waits: true,
  isAnswer: (input) => surveyScoreOf(input) !== null,
  schema: surveyData,
  defaults: { label: 'Survey', question: DEFAULT_SURVEY_QUESTION, retryText: DEFAULT_SURVEY_RETRY, retries: 1, thanksText: DEFAULT_SURVEY_THANKS },
  ports: () => ['answered', 'no_answer'],
  portLabels: () => ({ no_answer: 'no answer' }),
  slots: () => [SURVEY_SLOT],
  messages: (d) => [
    { field: 'question', text: d.question },
    ...(d.retryText ? [{ field: 'retryText', text: d.retryText }] : []),
    ...(d.thanksText ? [{ field: 'thanksText', text: d.thanksText }] : []),
  ],
  rules: () => [],
});

const SCORE_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/**
 * The score in a caller's answer: a keypad digit 1–5, or the first number from 1 to 5 said ("four", "a 5", "I'd say
 * three out of five"); null when there is none, or when the answer holds more than one score that disagree ("three or
 * four"), rather than guess.
 */
export function surveyScoreOf(answer: string): number | null {
  const found: number[] = [];
  for (const word of answer.toLowerCase().match(/[a-z]+|\d+/g) ?? []) {
    const n = /^\d+$/.test(word) ? Number(word) : SCORE_WORDS[word];
    if (n !== undefined) found.push(n);
  }
  // "four out of five": the scale's own "five" after "out of" is not a second score.
  const text = answer.toLowerCase();
  const scores = /\bout of (5|five)\b/.test(text) ? found.slice(0, -1) : found;
  const valid = scores.filter((n) => n >= 1 && n <= 5);
  if (valid.length === 0 || valid.length !== scores.length) return null;
  return valid.every((n) => n === valid[0]) ? valid[0] : null;
}
