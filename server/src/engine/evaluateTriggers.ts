import type { HandoffReason, ParsedNode } from '@baton/shared';
import type { CallSession } from './CallSession.ts';
import type { TurnFacts } from './detectors.ts';
import type { RuntimeFlow } from './RuntimeFlow.ts';
import { ruleValues, type LiveQueues } from './values.ts';

/** The highest-priority trigger that holds on this turn, with the reason it gives, or null. */
export function firingTrigger(flow: RuntimeFlow, session: CallSession, facts: TurnFacts, at: string, queues?: LiveQueues): { trigger: ParsedNode; reason: HandoffReason } | null {
  // Once the call is on its way to a person, triggers have done their job.
  if (session.handoff || session.status !== 'ai') return null;
  const triggers = flow.triggers;
  for (let t = 0; t < triggers.length; t++) {
    const { node: trigger, data, checks, rule, scope } = triggers[t];
    if (scope && !scope.has(session.nodeId)) continue;
    for (let d = 0; d < checks.length; d++) {
      const hit = checks[d](session, facts);
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
