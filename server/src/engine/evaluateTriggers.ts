import type { HandoffReason, ParsedNode } from '@baton/shared';
import type { CallSession } from './CallSession.ts';
import { checkDetector, type TurnFacts } from './detectors.ts';
import type { RuntimeFlow } from './RuntimeFlow.ts';
import { ruleValues, type LiveQueues } from './values.ts';

/** The highest-priority trigger that holds on this turn, with the reason it gives, or null. */
export function firingTrigger(flow: RuntimeFlow, session: CallSession, facts: TurnFacts, at: string, queues?: LiveQueues): { trigger: ParsedNode; reason: HandoffReason } | null {
  // Once the call is on its way to a person, triggers have done their job.
  if (session.handoff || session.status !== 'ai') return null;
  const settings = flow.compiled.flow.settings;
  for (const { node: trigger, data, rule, scope } of flow.triggers) {
    if (scope && !scope.has(session.nodeId)) continue;
    for (const detector of data.detectors) {
      const hit = checkDetector(detector, session, facts, settings);
      if (hit) return { trigger, reason: { category: data.category, signal: hit.signal, triggerId: trigger.id, explanation: hit.explanation } };
    }
    if (rule && ruleHolds(rule, ruleValues(flow, session, trigger.id, queues, at))) {
      return { trigger, reason: { category: data.category, signal: 'rule', triggerId: trigger.id, explanation: `The rule "${data.rule}" of "${trigger.label}" holds.` } };
    }
  }
  return null;
}

/** A rule that fails at run time (say, a slot not collected yet) does not hold. */
export function ruleHolds(rule: (context: Record<string, unknown>) => unknown, context: Record<string, unknown>): boolean {
  try {
    return rule(context) === true;
  } catch {
    return false;
  }
}
