import type { CompiledFlow, IntentDefinition, ParsedNode, ParsedTemplate, TriggerData } from '@baton/shared';
import type { IntentClassifier, Nlu } from '../nlu/Nlu.ts';
import { detectorCheck, type DetectorCheck } from './detectors.ts';
import type { Executor } from './executors/Executor.ts';
import { executors } from './executors/executors.ts';
import { WordsMemo } from './understandTurn.ts';

/** A trigger as each turn checks it: its settings, its rule, and the steps it watches (null: everywhere). */
export interface RuntimeTrigger {
  node: ParsedNode;
  data: TriggerData;
  /** Its detectors, in order, each made into its check. */
  checks: DetectorCheck[];
  rule: RuleEvaluator | undefined;
  scope: ReadonlySet<string> | null;
}

/** A node as a call steps through it: its executor and where each of its ports leads, found once. */
export interface RuntimeStep {
  node: ParsedNode;
  executor: Executor;
  next: Map<string, RuntimeStep>;
}

/** A message ready to say: its plain text when it has no variables, else its template and the groups of variables it reads ("slots", "queue", …). */
export type RuntimeMessage = { text: string } | { template: ParsedTemplate; uses: ReadonlySet<string> };

/** A compiled flow with its AI nodes' intent models trained, and what every turn looks up found once: what `step` runs. */
export interface RuntimeFlow {
  compiled: CompiledFlow;
  version: number | 'draft';
  nlu: Nlu;
  classifiers: Map<string, IntentClassifier>;
  /** Every node by id, linked to the nodes its ports lead to. */
  steps: Map<string, RuntimeStep>;
  /** AI nodes' intents flagged out of scope, by node id (an empty set for other nodes). */
  outOfScope: Map<string, ReadonlySet<string>>;
  /** Highest priority first, as the compiler ordered them. */
  triggers: RuntimeTrigger[];
  /** Each node's messages by field ("prompt", "intents.0.reply", …). */
  messages: Map<string, Map<string, RuntimeMessage>>;
  /** Words already read at each step, when callers repeat themselves enough to make it worth it (simulations); else null. */
  words: WordsMemo | null;
}

type RuleEvaluator = NonNullable<ReturnType<CompiledFlow['rules']['get']>>;

const NONE: ReadonlySet<string> = new Set();

/**
 * Trains (or takes from the NLU's cache) the intent model of every AI node. `rememberWords` keeps what each distinct
 * sentence said at each step (see WordsMemo): for simulated callers, whose words come from a fixed vocabulary.
 */
export function prepareFlow(compiled: CompiledFlow, version: number | 'draft', nlu: Nlu, { rememberWords = false } = {}): RuntimeFlow {
  const classifiers = new Map<string, IntentClassifier>();
  const outOfScope = new Map<string, ReadonlySet<string>>();
  const messages = new Map<string, Map<string, RuntimeMessage>>();
  for (const node of compiled.nodes.values()) {
    messages.set(node.id, new Map());
    if (node.kind !== 'ai') {
      outOfScope.set(node.id, NONE);
      continue;
    }
    const intents = node.data.intents as IntentDefinition[];
    classifiers.set(node.id, nlu.train(intents));
    outOfScope.set(node.id, new Set(intents.filter((i) => i.outOfScope).map((i) => i.name)));
  }
  // Keys are "<nodeId>/<field>"; node ids never hold a "/".
  for (const [key, template] of compiled.templates) {
    const slash = key.indexOf('/');
    const plain = template.parts.every((part) => 'text' in part);
    const text = plain ? template.parts.map((part) => (part as { text: string }).text).join('').trim() : '';
    const uses = new Set(template.parts.flatMap((part) => ('keys' in part ? [part.keys[0]] : [])));
    messages.get(key.slice(0, slash))?.set(key.slice(slash + 1), plain ? { text } : { template, uses });
  }
  const steps = new Map<string, RuntimeStep>();
  for (const node of compiled.nodes.values()) steps.set(node.id, { node, executor: executors[node.kind], next: new Map() });
  for (const [source, ports] of compiled.next) {
    const step = steps.get(source);
    for (const [port, target] of ports) if (step && steps.has(target)) step.next.set(port, steps.get(target)!);
  }
  const triggers = compiled.triggers.map((node): RuntimeTrigger => {
    const data = node.data as TriggerData;
    const checks = data.detectors.map((detector) => detectorCheck(detector, compiled.flow.settings));
    return { node, data, checks, rule: compiled.rules.get(`${node.id}/rule`), scope: data.scope.mode === 'everywhere' ? null : new Set(data.scope.nodeIds) };
  });
  return { compiled, version, nlu, classifiers, steps, outOfScope, triggers, messages, words: rememberWords ? new WordsMemo() : null };
}
