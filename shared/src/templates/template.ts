/** A message template: plain text with {{variables}}. Rendering only looks values up; nothing is evaluated. */
/** A variable part keeps its name split at the dots, so rendering does not split it again. */
export type TemplatePart = { text: string } | { variable: string; keys: string[] };

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** Problems with the braces themselves, e.g. "{{" without "}}". */
  problems: string[];
  /**
   * Whether its text has nothing to tidy: no run of spaces, no space at either end, once each variable is a word.
   * Rendered with values that are words too (no space at their ends, no run of spaces), it then needs no tidying.
   */
  tidy: boolean;
}

const VARIABLE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/** Splits a template into text and variables. */
export function parseTemplate(source: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: string[] = [];
  let rest = source;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    if (open < 0) break;
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) {
      problems.push('A "{{" is never closed with "}}".');
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open) });
    const name = rest.slice(open + 2, close).trim();
    if (VARIABLE.test(name)) parts.push({ variable: name, keys: name.split('.') });
    else {
      problems.push(`"{{${name}}}" is not a variable name; use names like {{caller.name}}.`);
      parts.push({ text: rest.slice(open, close + 2) });
    }
    rest = rest.slice(close + 2);
  }
  if (rest.length > 0) parts.push({ text: rest });
  const skeleton = parts.map((part) => ('text' in part ? part.text : 'x')).join('');
  return { parts, problems, tidy: skeleton === tidied(skeleton) };
}

/** Variables a message may use; `slots.*` and `caller.*` accept any name below them. */
export const templateVariables = {
  'caller.name': 'The caller\'s name, when known.',
  'caller.phone': 'The number the caller is calling from.',
  'slots.*': 'A value collected earlier, e.g. {{slots.amount}}.',
  'handoff.reasonText': 'Why the call goes to a person, in words for the caller.',
  'handoff.category': 'The handoff category (e.g. frustration).',
  'queue.name': 'The name of the queue the call goes to.',
  'queue.ewtMinutes': 'Estimated wait in whole minutes (at least 1).',
  'queue.waitText': 'The estimated wait in words: "less than a minute", "about 1 minute", "about 4 minutes"; "hard to say right now" while nobody who can take the call is signed in.',
  'queue.ewtSeconds': 'Estimated wait in seconds.',
  'queue.position': 'The caller\'s place in the queue.',
  'queue.agentsAvailable': 'How many agents are free right now.',
  'queue.callbackWindow': 'When a call back will come, in words: "between 2:10 pm and 2:40 pm".',
  'queue.opensText': 'When a closed queue opens again, in words: "tomorrow at 8:00 am", "on Monday at 9:00 am".',
  'agent.firstName': 'The first name of the agent who took the call.',
  'agent.name': 'The full name of the agent who took the call.',
  'agent.note': 'What the agent noted when handing the call back to the assistant.',
  'intent': 'What the caller wants, as last recognised.',
  'flow.name': 'The name of this flow.',
} as const;

/** Variables that speak a wait: only messages said where routing has one to tell may use them (see NodeMessage.waitKnown). */
export const WAIT_VARIABLES: ReadonlySet<string> = new Set(['queue.waitText', 'queue.ewtMinutes', 'queue.ewtSeconds']);

/** True when `name` is a variable messages may use. */
export function isKnownVariable(name: string): boolean {
  if (Object.hasOwn(templateVariables, name)) return true;
  const [root, ...rest] = name.split('.');
  return (root === 'slots' || root === 'caller') && rest.length >= 1;
}

const MAX_VALUE_LENGTH = 200;

function lookup(values: Record<string, unknown>, keys: readonly string[]): unknown {
  let current: unknown = values;
  for (const key of keys) {
    // Own properties only: a template can never reach prototypes.
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Renders a template; unknown or missing variables become empty, values are plain text and length-capped. */
export function renderTemplate(template: ParsedTemplate | string, values: Record<string, unknown>): string {
  const parsed = typeof template === 'string' ? parseTemplate(template) : template;
  let out = '';
  // A tidy template filled with word-like values is already tidy; checking each short value beats searching the whole message.
  let tidy = parsed.tidy;
  for (const part of parsed.parts) {
    if ('text' in part) out += part.text;
    else {
      const value = lookup(values, part.keys);
      const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value).slice(0, MAX_VALUE_LENGTH) : '';
      if (tidy && (text === '' || UNTIDY.test(text))) tidy = false;
      out += text;
    }
  }
  return tidy ? out : tidied(out);
}

/** Runs of spaces closed up to one, and none at either end. */
const tidied = (text: string) => text.replace(/\s{2,}/g, ' ').trim();
const UNTIDY = /^\s|\s$|\s\s/;

/** Seconds a phone voice takes to say the message (about 150 words a minute; a variable counts as two words). */
export function estimateSpeakingSeconds(template: ParsedTemplate | string): number {
  const parsed = typeof template === 'string' ? parseTemplate(template) : template;
  let words = 0;
  for (const part of parsed.parts) {
    if ('text' in part) words += part.text.split(/\s+/).filter(Boolean).length;
    else words += 2;
  }
  return Math.round((words / 2.5) * 10) / 10;
}

/** Longer than this, callers lose the thread of a spoken message. */
export const ONE_BREATH_SECONDS = 15;
