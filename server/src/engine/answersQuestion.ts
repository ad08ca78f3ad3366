import type { ValueType } from '@baton/shared';
import { analyzeText } from '../nlu/analyzeText.ts';
import type { EntityValue } from '../nlu/Nlu.ts';
import { keyedValue, NO, parseSlotValue, YES } from './parseSlotValue.ts';

/** What an "Ask for a detail" step asks for. */
export interface AskedFor {
  valueType: ValueType;
  pattern: string;
}

/**
 * Whether a caller's turn at an "Ask for a detail" step is only the answer to its question: the value and nothing
 * else but a few filler words ("it's the twenty-third of April", "six months I think", "yes please"). The flow's
 * triggers leave such a turn be — "Twenty-third of April" or "nothing" or "no" said to the question asked is the
 * caller answering, not venting — while a caller in danger is still handed over (safety is not a trigger). Anything
 * more ("12 months, and I want a manager") is read as any turn is. A free-text answer is never only an answer: any
 * words would be one.
 */
export function answersQuestion(data: AskedFor, text: string, entities: readonly EntityValue[], tokens: readonly string[]): boolean {
  const { valueType } = data;
  if (valueType === 'free_text') return false;
  if (parseSlotValue(valueType, text, entities, data.pattern, tokens) === null) return false;
  const left = new Map<string, number>();
  for (const t of tokens) left.set(t, (left.get(t) ?? 0) + 1);
  const take = (t: string) => {
    const n = left.get(t);
    if (n === undefined) return;
    if (n > 1) left.set(t, n - 1);
    else left.delete(t);
  };
  if (valueType === 'yes_no') for (const t of tokens) if (YES.has(t) || NO.has(t)) take(t);
  if (valueType === 'pattern') for (const t of tokens) if (/[0-9]/.test(t) || t.length === 1) take(t);
  const entity = entities.find((e) => e.type === valueType);
  if (entity) for (const t of analyzeText(entity.text).tokens) take(t);
  for (const t of [...left.keys()]) if (FILLER.has(t) || (UNITS.has(t) && valueType !== 'yes_no')) left.delete(t);
  return left.size === 0;
}

/** Whether keys pressed are the answer to the step's question: a value it takes from the keypad (see keyedValue). A lone 0 still asks for a person. */
export function keysAnswerQuestion(data: AskedFor, digits: string): boolean {
  return digits.replace(/[^0-9]/g, '') !== '0' && keyedValue(data.valueType, digits, data.pattern) !== null;
}

/** Words around an answer that say nothing of their own (the words are as analyzeText gives them: "it's" is "it", "is"). */
const FILLER = new Set([
  'a', 'about', 'actually', 'and', 'around', 'be', 'er', 'erm', 'hmm', 'i', 'is', 'it', 'just', 'let', 'like', 'me', 'mine', 'my',
  'number', 'oh', 'of', 'ok', 'okay', 'on', 'please', 'see', 'so', 'that', 'the', 'think', 'thanks', 'thank', 'uh', 'um', 'well',
  'yeah', 'yes', 'you', 'date', 'account', 'reference', 'its', 'right', 'sure', 'exactly', 'roughly', 'maybe', 'say',
]);

/** What an amount or a number is counted in ("six months", "forty pounds"). */
const UNITS = new Set(['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'pound', 'pounds', 'quid', 'dollar', 'dollars', 'euro', 'euros', 'pence', 'cents', 'times', 'people']);
