import { checkRule } from '@baton/shared';
import { describe, expect, it } from 'vitest';
import { celFromQuery, plainRuleError, queryFromCel } from './ruleBuilder.ts';

describe('rule builder', () => {
  it('writes typed values: numbers bare, text quoted, topics with in', () => {
    const text = celFromQuery({
      combinator: 'and',
      rules: [
        { field: 'sentiment', operator: '<', value: '-0.5' },
        { field: 'repeats', operator: '>=', value: '2' },
        { field: 'intent', operator: '=', value: '42' },
        { field: 'topics', operator: 'contains', value: 'fraud' },
        { field: 'text', operator: 'contains', value: 'lawyer' },
        { field: 'slots.refund_amount', operator: '>', value: '100' },
        { field: 'explicitRequest', operator: '=', value: true },
        { field: 'turns', operator: '>', value: '' },
      ],
    });
    expect(text).toBe('sentiment < -0.5 && repeats >= 2 && intent == "42" && "fraud" in topics && text.contains("lawyer") && slots.refund_amount > 100 && explicitRequest == true');
    expect(checkRule(text).ok).toBe(true);
  });

  it('shows in the builder only what it would write back the same', () => {
    for (const text of ['sentiment < -0.5 && repeats >= 2', '"fraud" in topics || (turns > 8 && sentiment < -0.3)', 'intent != "billing"', ''])
      expect(celFromQuery(queryFromCel(text)!)).toBe(text);
    for (const text of ['has(slots.refund_amount) && slots.refund_amount > 100', 'size(topics) > 0', 'sentiment <', 'foo == 1', 'explicitRequest'])
      expect(queryFromCel(text)).toBeNull();
  });

  it('explains checker errors in plain words', () => {
    expect(plainRuleError('Unexpected token: EOF')).toMatch(/stops too early/);
    expect(plainRuleError('no such overload: double < string')).toMatch(/A number cannot be compared with a text/);
    expect(plainRuleError('Unknown variable: sentimen')).toMatch(/"sentimen" is not something a rule can read/);
  });
});
