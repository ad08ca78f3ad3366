import type { HandoffCategory, HandoffReason, ParsedNode } from '@baton/shared';
import { handoffUnderway, type CallSession } from './CallSession.ts';
import type { TurnFacts } from './detectors.ts';
import type { RuntimeFlow } from './RuntimeFlow.ts';
import { ruleValues, type LiveQueues } from './values.ts';

/**
 * When several triggers hold on one turn, the most informative class goes first, so the agent gets the strongest
 * reason: a caller who asks for a person, angry and not understood, is handed over as asking for a person. Within a
 * class, the triggers' priority decides. (Safety goes before all of them, whatever the flow's triggers watch.)
 */
const CLASS_RANK: Record<HandoffCategory, number> = { explicit_request: 4, complex_or_sensitive: 3, frustration: 2, ai_limit: 1, custom: 0 };

type Firing = { trigger: ParsedNode; reason: HandoffReason };

/** The trigger that fires on this turn, with the reason it gives (and the others that also held), or null. */
export function firingTrigger(flow: RuntimeFlow, session: CallSession, facts: TurnFacts, at: string, queues?: LiveQueues): Firing | null {
  // Once the call is on its way to a person, triggers have done their job (until an agent hands the call back).
  if (handoffUnderway(session) || session.status !== 'ai') return null;
  const safety = facts.signals?.safety;
  const held: Firing[] = [];
  const judgedInDanger = facts.signals?.judgement?.inDanger === true;
  if (safety && (safety.atRisk || judgedInDanger) && flow.safetyTrigger) {
    const words = safety.evidence.length > 0 ? ` ("${safety.evidence.join('", "')}")` : '';
    const how = safety.atRisk ? `${Math.round(safety.probability * 100)}% sure` : `as the language model judged (the detectors ${Math.round(safety.probability * 100)}% sure)`;
    held.push({
      trigger: flow.safetyTrigger.node,
      reason: {
        category: 'complex_or_sensitive',
        signal: 'safety',
        triggerId: flow.safetyTrigger.node.id,
        explanation: `The caller may be in danger or at risk of harming themselves${words}, ${how}: a person takes over at once, whatever the flow's triggers say.`,
      },
    });
  }
  // An answer to the step's own question (a survey's score) is not acted on by the flow's triggers.
  const triggers = facts.answer ? [] : flow.triggers;
  // Triggers come highest priority first, so within a class the first that holds wins.
  for (let t = 0; t < triggers.length; t++) {
    const { node: trigger, data, checks, rule, scope } = triggers[t];
    if (scope && !scope.has(session.nodeId)) continue;
    let hit: Firing | null = null;
    for (let d = 0; d < checks.length && !hit; d++) {
      const found = checks[d](session, facts);
      if (found) hit = { trigger, reason: { category: data.category, signal: found.signal, triggerId: trigger.id, explanation: found.explanation } };
    }
    if (!hit && rule && ruleHolds(rule, ruleValues(flow, session, trigger.id, queues, at)))
      hit = { trigger, reason: { category: data.category, signal: 'rule', triggerId: trigger.id, explanation: `The rule "${data.rule}" of "${trigger.label}" holds.` } };
    if (hit) held.push(hit);
  }
  if (held.length === 0) return null;
  let best = held[0];
  // Safety, when it holds, is first and stays first.
  if (best.reason.signal !== 'safety') for (const h of held) if (CLASS_RANK[h.reason.category] > CLASS_RANK[best.reason.category]) best = h;
  const others = held.filter((h) => h !== best);
  if (others.length === 0) return best;
  return { trigger: best.trigger, reason: { ...best.reason, alsoHeld: others.map((h) => ({ triggerId: h.reason.triggerId, category: h.reason.category, signal: h.reason.signal, explanation: h.reason.explanation })) } };
}

/** A rule that fails at run time (say, a slot not collected yet) does not hold. */
export function ruleHolds(rule: (context: Record<string, unknown>) => unknown, context: Record<string, unknown>): boolean {
  try {
    return rule(context) === true;
  } catch {
    return false;
  }
}
