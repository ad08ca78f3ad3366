import { describe, expect, it } from 'vitest';
import { checkRule } from './checkRule.ts';
import { MAX_CALLER_ATTRIBUTE_LENGTH, MAX_CALLER_ATTRIBUTES, MAX_TURN_TEXT, RULE_COST_BUDGET } from './ruleCost.ts';
import { toRuleContext } from './ruleContext.ts';

const list = (n: number) => `[${Array.from({ length: n }, (_, i) => i).join(',')}]`;

/** A turn at the limits of what a rule can read: the longest text, every topic, as many slots and caller details as allowed. */
const worstTurn = toRuleContext({
  sentiment: -0.7, averageSentiment: -0.6, repeats: 2, noMatchStreak: 0, loudnessDeltaDb: 9, asrConfidence: 0.9, turns: 4,
  text: ' '.repeat(2 * MAX_TURN_TEXT), intent: 'refund', intentConfidence: 0.92, explicitRequest: false,
  topics: ['fraud', 'bereavement', 'legal_threat', 'medical', 'vulnerability', 'complaint'],
  slots: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`slot${i}`, 'x'.repeat(2 * MAX_TURN_TEXT)])),
  caller: Object.fromEntries(Array.from({ length: MAX_CALLER_ATTRIBUTES + 2 }, (_, i) => [`detail${i}`, 'y'.repeat(MAX_CALLER_ATTRIBUTE_LENGTH)])),
  queue: { ewtSeconds: 300, agentsAvailable: 0, position: 3 }, transfer: { outcome: 'no_answer' }, hour: 22, dayOfWeek: 6,
});

/** Rules that grow costly with n, each the way a careless or hostile rule would: lists in lists, long text, maps. */
const families: Record<string, (n: number) => string> = {
  'lists checked inside lists': (n) => `cel.bind(l, ${list(Math.min(n, 50))} + ${list(Math.max(0, n - 50))}, l.all(a, l.all(b, l.all(c, a + b + c >= 0))))`,
  'one long list': (n) => `cel.bind(l, ${list(50)}, ${Array.from({ length: n }, () => 'l').join(' + ')}).all(a, a >= 0)`,
  'the words of the turn': (n) => `text.split(" ").size() > 3 && (${Array.from({ length: n }, (_, i) => `text.contains("w${i}")`).join(' || ')})`,
  'the text doubled': (n) => `cel.bind(t, ${Array.from({ length: n }, () => 'text').join(' + ')}, t.size() > 5 && t.contains("refund"))`,
  'the caller details against each other': (n) => `caller.exists(k, ${Array.from({ length: n }, (_, i) => `caller[k].contains("v${i}")`).join(' || ')})`,
  'slots in lists': (n) => `${list(Math.min(n, 50))}.exists(i, slots.exists(k, slots[k] == string(i)))`,
};

/** The costliest rule of a family the budget still lets through. */
function costliestAllowed(family: (n: number) => string): { rule: string; evaluate: (c: Record<string, unknown>) => unknown } | null {
  let allowed: { rule: string; evaluate: (c: Record<string, unknown>) => unknown } | null = null;
  for (let n = 1; n <= 100; n++) {
    const rule = family(n);
    const checked = checkRule(rule);
    if (!checked.ok) break;
    allowed = { rule, evaluate: checked.evaluate };
  }
  return allowed;
}

function slowestOf(evaluate: () => unknown, runs: number): number {
  for (let i = 0; i < 5; i++) evaluate();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    evaluate();
    times.push(performance.now() - start);
  }
  // The median: one run slowed by the garbage collector or another process on the machine says nothing about the rule.
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

describe('rule cost', () => {
  for (const [what, family] of Object.entries(families)) {
    it(`When a rule works through ${what} as much as the budget allows, then it takes at most a few milliseconds (under 5 ms) on the worst turn`, () => {
      const costliest = costliestAllowed(family);
      expect(costliest, 'even the smallest rule of the family is refused').not.toBeNull();
      // The family does grow past the budget: the rule after the costliest allowed is refused.
      expect(checkRule(family(101)).ok).toBe(false);
      const ms = slowestOf(() => costliest!.evaluate(worstTurn), 15);
      // Measured 0.1–0.8 ms on the 2-core CI machine; the margin is for a machine busy with other tests, not for the rule.
      expect(ms, costliest!.rule).toBeLessThan(5);
    });
  }

  it('When rules nest lists three deep, then the message names the costly part in plain words', () => {
    const l = list(20);
    const rule = `${l}.all(a, ${l}.all(b, ${l}.all(c, ${l}.all(d, ${l}.all(e, ${l}.all(f, a + b + c + d + e + f >= 0))))))`;
    const checked = checkRule(rule);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.message).toMatch(/The part "[^"]*\.all\(d, [^"]*" could take too long on each caller turn/);
      expect(checked.message).toMatch(/up to 20 items/);
      expect(checked.message).toContain(RULE_COST_BUDGET.toLocaleString('en-US'));
    }
  });

  it.each([
    'topics.exists(t, t == "fraud") && sentiment < -0.5',
    '"fraud" in topics || text.contains("refund")',
    'caller.exists(k, caller[k] == "gold")',
    'intent == "refund" && slots.amount > 100',
  ])('When an analyst writes a reasonable rule ("%s"), then it is within the budget', (rule) => {
    const checked = checkRule(rule);
    expect(checked.ok && checked.cost).toBeLessThan(RULE_COST_BUDGET / 4);
  });
});
