import { describe, expect, it } from 'vitest';
import { checkRule } from './checkRule.ts';
import { toRuleContext, type RuleValues } from './ruleContext.ts';

const values = (over: Partial<RuleValues> = {}): Record<string, unknown> =>
  toRuleContext({
    sentiment: -0.7, averageSentiment: -0.6, repeats: 2, noMatchStreak: 0, loudnessDeltaDb: 9, asrConfidence: 0.9, turns: 4,
    text: 'i want a refund', intent: 'refund', intentConfidence: 0.92, explicitRequest: false, topics: ['fraud'],
    slots: { amount: 150 }, caller: { vip: true, name: 'Ada' }, queue: { ewtSeconds: 300, agentsAvailable: 0, position: 3 }, transfer: { outcome: 'busy' }, hour: 22, dayOfWeek: 6,
    ...over,
  });

const evaluate = (rule: string, over?: Partial<RuleValues>) => {
  const checked = checkRule(rule);
  if (!checked.ok) throw new Error(checked.message);
  return checked.evaluate(values(over));
};

describe('rules', () => {
  it.each([
    ['sentiment < -0.5 && repeats >= 2', true],
    ['intent == "refund" && slots.amount > 100', true],
    ['"fraud" in topics', true],
    ['caller.vip == true || turns > 10', true],
    ['transfer.outcome == "busy"', true],
    ['queue.ewtSeconds > 240 && queue.agentsAvailable == 0', true],
    ['hour >= 20 || dayOfWeek == 0', true],
    ['text.contains("refund")', true],
    ['loudnessDeltaDb > 12.0', false],
  ])('When an analyst writes "%s", then it checks and evaluates to %s', (rule, expected) => {
    expect(evaluate(rule)).toBe(expected);
  });

  it.each([
    ['slots.__proto__', /__proto__/],
    ['caller["constructor"] == "x"', /constructor/],
    ['intent.matches("ref.*")', /regular expressions/],
    ['matches(text, "(a+)+$")', /regular expressions/],
    ['sentiment + "x" > 1', /./],
    ['unknownThing > 3', /./],
    ['sentiment', /true or false/],
    ['sentiment < ', /./],
    [`${'('.repeat(40)}true${')'.repeat(40)}`, /./],
    ['turns > 1 || '.repeat(120) + 'true', /./],
  ])('When a rule is unsafe or wrong ("%s"), then it is refused with a reason', (rule, reason) => {
    const checked = checkRule(rule);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(reason);
  });

  it('When a rule reads a slot not collected yet, then evaluating it fails instead of inventing a value', () => {
    const checked = checkRule('slots.amount > 100');
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(() => checked.evaluate(values({ slots: {} }))).toThrow();
  });
});
