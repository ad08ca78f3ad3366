import type { SlotValue, ValueType } from '@baton/shared';
import type { EntityValue } from '../nlu/Nlu.ts';

export const YES: ReadonlySet<string> = new Set(['yes', 'yeah', 'yep', 'yup', 'sure', 'correct', 'right', 'ok', 'okay', 'please', 'absolutely', 'definitely', 'affirmative']);
export const NO: ReadonlySet<string> = new Set(['no', 'nope', 'nah', 'not', "don't", 'negative', 'never', 'wrong', 'incorrect']);

/** Checks an answer against a mask: # a digit, A a letter, * anything, other characters literally; spaces and dashes in the answer are ignored. */
export function matchesPattern(answer: string, pattern: string): string | null {
  const compact = answer.replace(/[\s-]/g, '');
  const mask = pattern.replace(/[\s-]/g, '');
  if (compact.length !== mask.length) return null;
  for (let i = 0; i < mask.length; i++) {
    const c = compact[i];
    const m = mask[i];
    const ok = m === '#' ? c >= '0' && c <= '9' : m === 'A' ? /[a-z]/i.test(c) : m === '*' ? true : c.toLowerCase() === m.toLowerCase();
    if (!ok) return null;
  }
  return compact.toUpperCase();
}

/** The value an answer gives a question, or null when it does not answer it. */
export function parseSlotValue(valueType: ValueType, text: string, entities: readonly EntityValue[], pattern: string, tokens: readonly string[]): SlotValue | null {
  switch (valueType) {
    case 'free_text':
      return text.trim() ? text.trim() : null;
    case 'yes_no': {
      const yes = tokens.some((t) => YES.has(t));
      const no = tokens.some((t) => NO.has(t));
      return yes === no ? null : yes;
    }
    case 'pattern': {
      // Try the whole answer, then each run of letters and digits ("it's 1234 5678" -> "12345678").
      const whole = matchesPattern(text, pattern);
      if (whole) return whole;
      const joined = tokens.filter((t) => /[0-9]/.test(t)).join('');
      return joined ? matchesPattern(joined, pattern) : null;
    }
    default:
      return entities.find((e) => e.type === valueType)?.value ?? null;
  }
}

/**
 * The value keys pressed give a question, or null when it does not take them: digits for a number, a phone number
 * (7 to 15 digits, as said aloud), a free-text answer or a pattern they fit. Yes or no, a date and an amount are not
 * keyed in.
 */
export function keyedValue(valueType: ValueType, digits: string, pattern: string): SlotValue | null {
  const keyed = digits.replace(/[^0-9]/g, '');
  if (keyed === '') return null;
  switch (valueType) {
    case 'number':
      return Number(keyed);
    case 'phone':
      return keyed.length >= 7 && keyed.length <= 15 ? keyed : null;
    case 'free_text':
      return keyed;
    case 'pattern':
      return matchesPattern(keyed, pattern);
    default:
      return null;
  }
}
