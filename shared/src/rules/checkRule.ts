import { estimateRuleCost, RULE_COST_BUDGET } from './ruleCost.ts';
import { MAX_RULE_LENGTH, ruleEnvironment } from './ruleEnvironment.ts';

/** Names that reach into JavaScript objects; no rule needs them. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype', '__defineGetter__', '__lookupGetter__']);
/** Regular expressions can take unbounded time on crafted input, so rules have none. */
const FORBIDDEN_FUNCTIONS = new Set(['matches']);

/** `cost`: the rule's worst-case work on one turn, in the steps of `RULE_COST_BUDGET`. */
export type RuleCheck = { ok: true; evaluate: (context: Record<string, unknown>) => unknown; cost: number } | { ok: false; message: string };

function forbiddenPart(ast: unknown): string | null {
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (FORBIDDEN_NAMES.has(node)) return `"${node}" is not allowed in a rule.`;
    } else if (Array.isArray(node)) {
      stack.push(...node);
    } else if (node && typeof node === 'object') {
      const { op, args } = node as { op?: string; args?: unknown };
      if ((op === 'call' || op === 'rcall') && Array.isArray(args) && FORBIDDEN_FUNCTIONS.has(args[0] as string))
        return `"${String(args[0])}" (regular expressions) is not available in rules; use contains(), startsWith() or == instead.`;
      stack.push(args);
    }
  }
  return null;
}

/** Parses and type-checks a rule against the typed environment; never runs it. */
export function checkRule(rule: string): RuleCheck {
  if (rule.length > MAX_RULE_LENGTH) return { ok: false, message: `The rule is ${rule.length} characters long; keep it under ${MAX_RULE_LENGTH}.` };
  let parsed: ReturnType<typeof ruleEnvironment.parse>;
  try {
    parsed = ruleEnvironment.parse(rule);
  } catch (err) {
    return { ok: false, message: firstLine(err) };
  }
  const forbidden = forbiddenPart(parsed.ast);
  if (forbidden) return { ok: false, message: forbidden };
  const checked = ruleEnvironment.check(rule);
  if (!checked.valid) return { ok: false, message: firstLine(checked.error) };
  if (checked.type !== 'bool') return { ok: false, message: `The rule must be true or false, but it gives a ${checked.type}. Compare it, e.g. "sentiment < -0.5".` };
  // CEL's own limits bound the rule's size and depth, not its work: lists checked inside lists multiply.
  const { cost, tooCostly } = estimateRuleCost(parsed.ast);
  if (tooCostly)
    return { ok: false, message: `The part "${tooCostly.part}" could take too long on each caller turn: ${tooCostly.why}; a rule may take at most ${RULE_COST_BUDGET.toLocaleString('en-US')}. Check fewer or shorter lists and texts, and do not put one list check inside another.` };
  return { ok: true, evaluate: (context) => parsed(context), cost };
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
