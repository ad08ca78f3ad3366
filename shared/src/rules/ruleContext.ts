import type { RuleVariable } from './ruleEnvironment.ts';

export type RuleValues = { [K in RuleVariable]: unknown };

const INT_VARIABLES = new Set<string>(['repeats', 'noMatchStreak', 'turns', 'hour', 'dayOfWeek']);

/** Converts plain JavaScript values into what CEL expects (whole-number variables as BigInt, nested numbers as double). */
export function toRuleContext(values: RuleValues): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    context[name] = INT_VARIABLES.has(name) ? BigInt(Math.trunc(Number(value) || 0)) : value;
  }
  return context;
}
