import { nodeKinds } from '../nodes/nodeKinds.ts';
import { checkRule } from '../rules/checkRule.ts';
import { FLOW_RULES_COST_BUDGET } from '../rules/ruleCost.ts';
import { estimateSpeakingSeconds, isKnownVariable, ONE_BREATH_SECONDS, parseTemplate, WAIT_VARIABLES, type ParsedTemplate } from '../templates/template.ts';
import type { FlowIssue } from './FlowIssue.ts';
import type { ParsedNode } from './parseFlow.ts';

export type RuleEvaluator = (context: Record<string, unknown>) => unknown;

/** Parses every message and rule once: the engine reuses the results on every turn. */
export function lintContent(nodes: readonly ParsedNode[]): { templates: Map<string, ParsedTemplate>; rules: Map<string, RuleEvaluator>; issues: FlowIssue[] } {
  const issues: FlowIssue[] = [];
  const templates = new Map<string, ParsedTemplate>();
  const rules = new Map<string, RuleEvaluator>();
  let rulesCost = 0;
  let costliest: { node: ParsedNode; field: string; cost: number } | null = null;
  for (const node of nodes) {
    const kind = nodeKinds[node.kind];
    for (const { field, text, waitKnown } of kind.messages(node.data)) {
      const parsed = parseTemplate(text);
      templates.set(`${node.id}/${field}`, parsed);
      for (const problem of parsed.problems)
        issues.push({ code: 'template_malformed', severity: 'warning', nodeId: node.id, field: `data.${field}`, message: `"${node.label}": ${problem}` });
      for (const part of parsed.parts)
        if ('variable' in part && !isKnownVariable(part.variable))
          issues.push({ code: 'template_unknown_variable', severity: 'warning', nodeId: node.id, field: `data.${field}`, message: `"${node.label}" uses {{${part.variable}}}, which Baton does not know, so the caller would hear nothing there. Pick a variable from the list.` });
        else if ('variable' in part && !waitKnown && WAIT_VARIABLES.has(part.variable))
          issues.push({ code: 'template_wait_unknown', severity: 'warning', nodeId: node.id, field: `data.${field}`, message: `"${node.label}" speaks a wait ({{${part.variable}}}) where none is known, so the caller could be promised one that is not true. Tell the wait only in a "Tell the caller" step's text for when someone can take the call, or in a transfer's waiting updates.` });
      const seconds = estimateSpeakingSeconds(parsed);
      if (seconds > ONE_BREATH_SECONDS)
        issues.push({ code: 'message_too_long', severity: 'warning', nodeId: node.id, field: `data.${field}`, message: `"${node.label}" takes about ${seconds} seconds to say; callers lose track after about ${ONE_BREATH_SECONDS}. Shorten it or split it in two.` });
    }
    for (const { field, rule } of kind.rules(node.data)) {
      const checked = checkRule(rule);
      if (checked.ok) {
        rules.set(`${node.id}/${field}`, checked.evaluate);
        rulesCost += checked.cost;
        if (!costliest || checked.cost > costliest.cost) costliest = { node, field, cost: checked.cost };
      } else issues.push({ code: 'rule_invalid', severity: 'error', nodeId: node.id, field: `data.${field}`, message: `"${node.label}": the rule "${rule.slice(0, 80)}" cannot be used: ${checked.message}` });
    }
    issues.push(...(kind.validate?.(node.data, node.id) ?? []));
  }
  // Each rule is within its own budget, but a turn may check them all: together they must stay quick too.
  if (costliest && rulesCost > FLOW_RULES_COST_BUDGET)
    issues.push({ code: 'rule_invalid', severity: 'error', nodeId: costliest.node.id, field: `data.${costliest.field}`, message: `The rules of this flow together could take too long on each caller turn (about ${Math.round(rulesCost).toLocaleString('en-US')} steps; at most ${FLOW_RULES_COST_BUDGET.toLocaleString('en-US')}). Simplify the costliest one, in "${costliest.node.label}", or use fewer rules.` });
  return { templates, rules, issues };
}
