import { ruleVariables } from '@baton/shared';
import type { Field, RuleGroupType, RuleGroupTypeAny, RuleType } from 'react-querybuilder';
import { formatQuery } from 'react-querybuilder/formatQuery';
import { parseCEL } from 'react-querybuilder/parseCEL';

/** How a variable's value is written in a rule. */
type ValueKind = 'number' | 'string' | 'text' | 'topics' | 'bool' | 'slot';

const numberOps = [
  { name: '<', label: 'is below' },
  { name: '<=', label: 'is at most' },
  { name: '>', label: 'is above' },
  { name: '>=', label: 'is at least' },
  { name: '=', label: 'is' },
  { name: '!=', label: 'is not' },
];
const equalityOps = [
  { name: '=', label: 'is' },
  { name: '!=', label: 'is not' },
];
const operatorsOf: Record<ValueKind, { name: string; label: string }[]> = {
  number: numberOps,
  slot: numberOps,
  string: equalityOps,
  text: [{ name: 'contains', label: 'contains' }, ...equalityOps],
  topics: [{ name: 'contains', label: 'include' }],
  bool: [{ name: '=', label: 'is' }],
};

/** The scalar variables the builder offers, in plain words (the rest of the language is still there as text). */
const builderVariables: [name: keyof typeof ruleVariables, label: string, kind: ValueKind][] = [
  ['sentiment', 'Sentiment of the latest turn', 'number'],
  ['averageSentiment', 'Average sentiment of the last 3 turns', 'number'],
  ['repeats', 'Times the latest turn repeats earlier ones', 'number'],
  ['noMatchStreak', 'Turns in a row the AI did not understand', 'number'],
  ['loudnessDeltaDb', 'How much louder than usual (dB)', 'number'],
  ['asrConfidence', 'How sure speech recognition was (0 to 1)', 'number'],
  ['turns', 'Times the caller has spoken', 'number'],
  ['intent', 'Intent recognised on the latest turn', 'string'],
  ['intentConfidence', 'How sure the AI was of the intent (0 to 1)', 'number'],
  ['explicitRequest', 'Caller asked for a person', 'bool'],
  ['text', 'What the caller just said', 'text'],
  ['topics', 'Sensitive topics heard (e.g. fraud)', 'topics'],
  ['hour', 'Hour of the day (0 to 23, UTC)', 'number'],
  ['dayOfWeek', 'Day of the week (0 = Sunday)', 'number'],
];

const SLOT = /^slots\.([A-Za-z_][A-Za-z0-9_]*)$/;

function kindOf(field: string): ValueKind | null {
  if (SLOT.test(field)) return 'slot';
  return builderVariables.find(([name]) => name === field)?.[2] ?? null;
}

/** The builder's fields: the scalar variables, then one per collected value (slots.<name>). */
export function builderFields(slotNames: string[]): Field[] {
  const fields: Field[] = builderVariables.map(([name, label, kind]) => ({
    name,
    label,
    operators: operatorsOf[kind],
    inputType: kind === 'number' ? 'number' : 'text',
    valueEditorType: kind === 'bool' ? 'checkbox' : 'text',
    defaultValue: kind === 'bool' ? true : '',
    placeholder: kind === 'number' ? 'a number' : kind === 'topics' ? 'e.g. fraud' : 'text',
  }));
  for (const slot of slotNames)
    fields.push({ name: `slots.${slot}`, label: `Collected value "${slot}"`, operators: operatorsOf.slot, inputType: 'text', defaultValue: '' });
  return fields;
}

const isNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text.trim()));

function literal(kind: ValueKind, value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  if (kind === 'number') return isNumber(text) ? String(Number(text)) : text;
  if (kind === 'bool') return value === true || text === 'true' ? 'true' : 'false';
  if (kind === 'slot' && typeof value !== 'string') return text;
  if (kind === 'slot' && isNumber(text)) return String(Number(text));
  return JSON.stringify(text);
}

function ruleToCel(rule: RuleType): string {
  const kind = kindOf(rule.field) ?? 'string';
  const value = typeof rule.value === 'string' ? rule.value : String(rule.value);
  if (kind === 'topics') return `${JSON.stringify(value)} in topics`;
  if (rule.operator === 'contains') return `${rule.field}.contains(${JSON.stringify(value)})`;
  return `${rule.field} ${rule.operator === '=' ? '==' : rule.operator} ${literal(kind, rule.value)}`;
}

const unfilled = (rule: RuleType) => rule.value === '' || rule.value === null || rule.value === undefined;

/** The query without rules that have no value yet (and groups left empty), so half-built rules do not break the text. */
function filled(group: RuleGroupTypeAny): RuleGroupType {
  const rules: RuleGroupType['rules'] = [];
  for (const r of group.rules as RuleGroupType['rules']) {
    if (typeof r === 'string') continue;
    if ('rules' in r) {
      const inner = filled(r);
      if (inner.rules.length > 0) rules.push(inner);
    } else if (!unfilled(r)) rules.push(r);
  }
  return { ...(group as RuleGroupType), rules };
}

/** The CEL text for what the builder shows ("" when it shows nothing). */
export function celFromQuery(query: RuleGroupTypeAny): string {
  const q = filled(query);
  if (q.rules.length === 0) return '';
  const text = formatQuery(q, { format: 'cel', ruleProcessor: ruleToCel });
  return text === '1 == 1' ? '' : text;
}

function validRules(group: RuleGroupTypeAny): boolean {
  return (group.rules as RuleGroupType['rules']).every((r) => {
    if (typeof r === 'string') return false;
    if ('rules' in r) return validRules(r);
    const kind = kindOf(r.field);
    return kind !== null && operatorsOf[kind].some((op) => op.name === r.operator);
  });
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** What the builder can show for this text, or null when only the text can (then the text is what counts). */
export function queryFromCel(text: string): RuleGroupType | null {
  if (text.trim() === '') return { combinator: 'and', rules: [] };
  let parsed: RuleGroupType;
  try {
    parsed = parseCEL(text.replace(/("(?:[^"\\]|\\.)*")\s+in\s+topics\b/g, 'topics.contains($1)')) as RuleGroupType;
  } catch {
    return null;
  }
  if (parsed.rules.length === 0 || !validRules(parsed)) return null;
  // Only when the builder would write exactly this text back: otherwise showing it in the builder would change it.
  return squeeze(celFromQuery(parsed)) === squeeze(text) ? parsed : null;
}

/** The rule checker's message, in words an analyst can act on. */
export function plainRuleError(message: string): string {
  let m: RegExpExecArray | null;
  if (/EOF/.test(message)) return `The rule stops too early: something is missing at the end (a value after a comparison, or a closing bracket). (${message})`;
  if ((m = /^Unknown variable: (\S+)/.exec(message))) return `"${m[1]}" is not something a rule can read. Pick a value from the builder, e.g. sentiment, repeats, intent or slots.<name>.`;
  if ((m = /^no such overload: (\S+) (\S+) (\S+)/.exec(message)))
    return `A ${typeName(m[1])} cannot be compared with a ${typeName(m[3])} using "${m[2]}": use a number for numbers and "quotes" around text.`;
  if ((m = /^Unexpected character: (.)/.exec(message))) return `"${m[1]}" is not allowed there${m[1] === '=' ? ': to compare, write == (two equal signs)' : ''}.`;
  if ((m = /^Unexpected token: (\S+)/.exec(message))) return `The rule has something unexpected (${m[1]}) in it: check the comparisons and brackets.`;
  return message;
}

const typeName = (t: string) => ({ double: 'number', int: 'whole number', string: 'text', bool: 'yes/no value' })[t] ?? t;
