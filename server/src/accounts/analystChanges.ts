import { diffFlows, type FlowDocument } from '@baton/shared';

/**
 * What an analyst may change in a flow: its handoff rules — a trigger step's detectors (and their thresholds), rule,
 * where it listens and its priority — the words callers are told when handed over (a "Tell the caller" step's texts),
 * and the flow's handoff settings (sensitive words, pressing 0 for a person, how each reason is explained, the safety
 * message).
 */
const ANALYST_STEP_FIELDS: Record<string, RegExp> = {
  trigger: /^(detectors|rule|scope|priority)([.[]|$)/,
  transparency: /^(text|busyText|closedText)$/,
};
const ANALYST_SETTINGS = /^settings\.(sensitiveKeywords|reasonTexts|safetyMessage|zeroOutToAgent)([.[]|$)/;

export interface RefusedChange {
  path: string;
  message: string;
}

/** Every change in `after` an analyst may not make, each with where it is and why; empty when the save may go ahead. */
export function refusedForAnalyst(stored: FlowDocument, sent: FlowDocument): RefusedChange[] {
  const diff = diffFlows(stored, sent);
  const [before, after] = [stored, sent];
  const refused: RefusedChange[] = [];
  const stepPath = (id: string) => `nodes[${after.nodes.findIndex((n) => n.id === id)}]`;
  for (const step of diff.added) refused.push({ path: stepPath(step.id), message: `adding the step "${step.label}" needs an admin` });
  for (const step of diff.removed) refused.push({ path: `nodes[${before.nodes.findIndex((n) => n.id === step.id)}]`, message: `removing the step "${step.label}" needs an admin` });
  for (const step of diff.changed) {
    const allowed = ANALYST_STEP_FIELDS[step.kind];
    for (const change of step.fields)
      if (!allowed || change.field === 'kind' || !allowed.test(change.field))
        refused.push({ path: `${stepPath(step.id)}.data.${change.field}`, message: `"${step.label}": ${change.field} is not a handoff rule or a message to the caller; an admin can change it` });
  }
  for (const c of [...diff.connectionsAdded, ...diff.connectionsRemoved]) refused.push({ path: 'edges', message: `connecting steps (${c.source} → ${c.target}) needs an admin` });
  for (const change of diff.settings) if (!ANALYST_SETTINGS.test(change.field)) refused.push({ path: change.field, message: `${change.field} is not a handoff setting; an admin can change it` });
  if (before.description !== after.description) refused.push({ path: 'description', message: 'the description is for admins to change' });
  // Moves on the canvas are not changes to the flow's behaviour, but the layout is the admins' too.
  const was = new Map(before.nodes.map((n) => [n.id, n]));
  for (const [i, n] of after.nodes.entries()) {
    const old = was.get(n.id);
    if (old && JSON.stringify(old.position) !== JSON.stringify(n.position)) refused.push({ path: `nodes[${i}].position`, message: `moving "${n.id}" on the canvas needs an admin` });
  }
  return refused;
}
