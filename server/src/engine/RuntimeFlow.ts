import type { CompiledFlow, IntentDefinition } from '@baton/shared';
import type { IntentClassifier, Nlu } from '../nlu/Nlu.ts';

/** A compiled flow with its AI nodes' intent models trained: what `step` runs. */
export interface RuntimeFlow {
  compiled: CompiledFlow;
  version: number | 'draft';
  nlu: Nlu;
  classifiers: Map<string, IntentClassifier>;
  /** AI nodes' intents flagged out of scope, by node id. */
  outOfScope: Map<string, Set<string>>;
}

/** Trains (or takes from the NLU's cache) the intent model of every AI node. */
export function prepareFlow(compiled: CompiledFlow, version: number | 'draft', nlu: Nlu): RuntimeFlow {
  const classifiers = new Map<string, IntentClassifier>();
  const outOfScope = new Map<string, Set<string>>();
  for (const node of compiled.nodes.values()) {
    if (node.kind !== 'ai') continue;
    const intents = node.data.intents as IntentDefinition[];
    classifiers.set(node.id, nlu.train(intents));
    outOfScope.set(node.id, new Set(intents.filter((i) => i.outOfScope).map((i) => i.name)));
  }
  return { compiled, version, nlu, classifiers, outOfScope };
}
